"""Writes one uncompressed DICOM Part 10 file for the tests (see dicom-files.ts).

Usage: write-dicom.py SPEC.json PIXELS.raw OUT.dcm

SPEC holds the image's geometry and tags (keys as in dicom-files.ts's DicomSpec); PIXELS the
stored values, little-endian, row-major, frames one after another. Run by Debian's python3
with python3-pydicom: CI installs it (.ci/run).
"""

import json
import sys

from pydicom.dataelem import DataElement
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian, ImplicitVRLittleEndian

MAMMOGRAPHY_FOR_PRESENTATION = "1.2.840.10008.5.1.4.1.1.1.2"
BASIC_TEXT_SR = "1.2.840.10008.5.1.4.1.1.88.11"


def main(spec_path: str, pixels_path: str, out_path: str) -> None:
    with open(spec_path, encoding="utf-8") as f:
        spec = json.load(f)
    with open(pixels_path, "rb") as f:
        pixels = f.read()

    ds = Dataset()
    for keyword, value in spec.get("identifying", {}).items():
        setattr(ds, keyword, value)
    has_pixels = spec.get("pixelData", True)
    ds.SOPClassUID = spec.get("sopClassUid") or (MAMMOGRAPHY_FOR_PRESENTATION if has_pixels else BASIC_TEXT_SR)
    ds.SOPInstanceUID = spec.get("identifying", {}).get("SOPInstanceUID", "1.2.3.4.5.6.7.8.9")
    modality = spec.get("modality", "MG" if has_pixels else "SR")
    if modality != "":
        ds.Modality = modality
    for keyword in ("ImageLaterality", "Laterality", "ViewPosition", "PresentationIntentType", "BodyPartExamined"):
        if spec.get(keyword) is not None:
            setattr(ds, keyword, spec[keyword])

    if has_pixels:
        samples = spec.get("samplesPerPixel", 1)
        ds.SamplesPerPixel = samples
        ds.PhotometricInterpretation = spec["photometricInterpretation"]
        if samples > 1:
            ds.PlanarConfiguration = 0
        ds.Rows = spec["rows"]
        ds.Columns = spec["columns"]
        ds.BitsAllocated = spec["bitsAllocated"]
        ds.BitsStored = spec["bitsStored"]
        ds.HighBit = spec.get("highBit", spec["bitsStored"] - 1)
        ds.PixelRepresentation = spec.get("pixelRepresentation", 0)
        if spec.get("numberOfFrames") is not None:
            ds.NumberOfFrames = spec["numberOfFrames"]
        if spec.get("rescaleSlope") is not None:
            ds.RescaleSlope = spec["rescaleSlope"]
            ds.RescaleIntercept = spec.get("rescaleIntercept", 0)
        if spec.get("windowCenter") is not None:
            ds.WindowCenter = spec["windowCenter"]
            ds.WindowWidth = spec["windowWidth"]
        if spec.get("voiLutFunction") is not None:
            ds.VOILUTFunction = spec["voiLutFunction"]
        if spec.get("voiLut") is not None:
            lut = spec["voiLut"]
            item = Dataset()
            # LUT Descriptor and LUT Data are "US or SS" / "US or OW": say which.
            item.add(DataElement(0x00283002, "US", lut["descriptor"]))
            item.add(DataElement(0x00283006, "US", lut["data"]))
            ds.VOILUTSequence = Sequence([item])
        ds.PixelData = pixels
        ds["PixelData"].VR = "OB" if spec["bitsAllocated"] == 8 else "OW"
    else:
        ds.CompletionFlag = "COMPLETE"
        ds.VerificationFlag = "UNVERIFIED"

    syntax = ImplicitVRLittleEndian if spec.get("syntax") == "implicit" else ExplicitVRLittleEndian
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = ds.SOPClassUID
    meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    meta.TransferSyntaxUID = syntax
    ds.file_meta = meta
    ds.preamble = spec.get("preamble", "").encode("latin-1").ljust(128, b"\0")[:128]
    ds.is_little_endian = True
    ds.is_implicit_VR = syntax == ImplicitVRLittleEndian
    ds.save_as(out_path, write_like_original=False)


if __name__ == "__main__":
    main(*sys.argv[1:4])
