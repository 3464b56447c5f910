"""One-thread ONNX Runtime sessions and a log stamped with the seconds since start, shared by
quantize_int8.py and int8_metrics.py (issue 24): both time graphs the way the floor does, batch 1
on one thread, sequential execution."""
import time

import onnxruntime as ort

T0 = time.time()


def log(*a):
    print(f'[{time.time() - T0:7.1f}s]', *a, flush=True)


def session(path_or_bytes):
    """A CPU session on one thread from an ONNX file's path or its serialised bytes."""
    so = ort.SessionOptions()
    so.intra_op_num_threads = 1
    so.inter_op_num_threads = 1
    so.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    so.log_severity_level = 3
    return ort.InferenceSession(path_or_bytes, so, providers=['CPUExecutionProvider'])
