"""Independent check of the exported graph: evaluates model.onnx node by node with a small
interpreter (torch.nn.functional kernels, no onnxruntime needed) and compares its logits with
reference_predictions.json (torch FilmNet) on a few films.

    /usr/bin/python3 check_onnx.py [model_dir] [n_films]
"""
import json
import os
import sys

import numpy as np
import onnx
import torch
import torch.nn.functional as F
from onnx import numpy_helper

from data import WORK_DIR

HERE = os.path.dirname(os.path.abspath(__file__))


def run_graph(model, x):
    env = {i.name: torch.from_numpy(numpy_helper.to_array(i).copy()) for i in model.graph.initializer}
    env[model.graph.input[0].name] = x
    for n in model.graph.node:
        a = {at.name: onnx.helper.get_attribute_value(at) for at in n.attribute}
        ins = [env[i] if i else None for i in n.input]
        op = n.op_type
        if op == "Constant":
            out = [torch.from_numpy(numpy_helper.to_array(a["value"]).copy())]
        elif op == "ReduceMean":
            out = [ins[0].mean(dim=tuple(a["axes"]), keepdim=bool(a.get("keepdims", 1)))]
        elif op in ("Greater", "GreaterOrEqual", "Sub", "Mul", "Div", "Add"):
            f = {"Greater": torch.gt, "GreaterOrEqual": torch.ge, "Sub": torch.sub, "Mul": torch.mul,
                 "Div": torch.div, "Add": torch.add}[op]
            out = [f(ins[0], ins[1])]
        elif op == "Cast":
            assert a["to"] == onnx.TensorProto.FLOAT
            out = [ins[0].float()]
        elif op == "Pad":
            p = ins[1].tolist()
            assert a.get("mode", b"constant") == b"constant"
            half = len(p) // 2
            tp = []
            for d in reversed(range(half)):
                tp += [p[d], p[d + half]]
            out = [F.pad(ins[0], tp)]
        elif op == "AveragePool":
            assert not any(a.get("pads", [0])) and not a.get("ceil_mode", 0)
            out = [F.avg_pool2d(ins[0], a["kernel_shape"], a["strides"])]
        elif op == "MaxPool":
            assert not any(a.get("pads", [0])) and not a.get("ceil_mode", 0)
            out = [F.max_pool2d(ins[0], a["kernel_shape"], a["strides"])]
        elif op == "Conv":
            p = a.get("pads", [0, 0, 0, 0])
            assert p[0] == p[2] and p[1] == p[3] and a.get("group", 1) == 1
            out = [F.conv2d(ins[0], ins[1], ins[2] if len(ins) > 2 else None, stride=a.get("strides", 1),
                            padding=(p[0], p[1]), dilation=a.get("dilations", 1))]
        elif op == "Relu":
            out = [F.relu(ins[0])]
        elif op == "Shape":
            out = [torch.tensor(ins[0].shape, dtype=torch.int64)]
        elif op == "ConstantOfShape":
            v = numpy_helper.to_array(a["value"]).item() if "value" in a else 0.0
            out = [torch.full(tuple(ins[0].tolist()), v, dtype=torch.float32)]
        elif op == "Where":
            out = [torch.where(ins[0], ins[1], ins[2])]
        elif op == "Flatten":
            out = [ins[0].flatten(a.get("axis", 1))]
        elif op == "TopK":
            v, i = torch.topk(ins[0], int(ins[1].reshape(-1)[0]), dim=a.get("axis", -1), largest=bool(a.get("largest", 1)))
            out = [v, i]
        else:
            raise NotImplementedError(op)
        for name, val in zip(n.output, out):
            env[name] = val
    return env[model.graph.output[0].name]


def main():
    model_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "..", "packages", "default-model", "mias-patch-cnn")
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 16
    torch.set_num_threads(2)
    return check(model_dir, n)


def check(model_dir, n=16):
    model = onnx.load(os.path.join(model_dir, "model.onnx"))
    onnx.checker.check_model(model, full_check=True)
    ref = json.load(open(os.path.join(model_dir, "reference_predictions.json")))
    meta = json.load(open(os.path.join(WORK_DIR, "ids.json")))
    X = np.fromfile(os.path.join(WORK_DIR, "tensors.f32"), dtype=np.float32).reshape(len(meta["ids"]), 512, 512)
    pos = {i: k for k, i in enumerate(meta["ids"])}
    films = ref["films"][:: max(1, len(ref["films"]) // n)][:n]
    x = torch.from_numpy(np.stack([X[pos[f["id"]]] for f in films]))[:, None].expand(-1, 3, -1, -1).contiguous()
    with torch.no_grad():
        got = run_graph(model, x)
    assert tuple(got.shape) == (len(films), 1), got.shape
    diff = np.abs(got[:, 0].numpy().astype(np.float64) - np.array([f["logit"] for f in films]))
    print(f"ONNX graph (interpreted) vs torch reference on {len(films)} films: max |logit diff| = {diff.max():.2e}")
    assert diff.max() < 1e-4
    return diff.max()


if __name__ == "__main__":
    main()
