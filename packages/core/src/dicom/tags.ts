/**
 * The data elements the core reads, by their PS3.6 keyword, in dicom-parser's spelling
 * (`x` + group + element, lower-case hex): `dataSet.uint16(TAG.Rows)` says which element it
 * reads where `'x00280010'` would not.
 */
export const TAG = {
  TransferSyntaxUID: 'x00020010',
  SOPClassUID: 'x00080016',
  Modality: 'x00080060',
  PresentationIntentType: 'x00080068',
  BodyPartExamined: 'x00180015',
  ViewPosition: 'x00185101',
  Laterality: 'x00200060',
  ImageLaterality: 'x00200062',
  SamplesPerPixel: 'x00280002',
  PhotometricInterpretation: 'x00280004',
  PlanarConfiguration: 'x00280006',
  NumberOfFrames: 'x00280008',
  Rows: 'x00280010',
  Columns: 'x00280011',
  BitsAllocated: 'x00280100',
  BitsStored: 'x00280101',
  HighBit: 'x00280102',
  PixelRepresentation: 'x00280103',
  WindowCenter: 'x00281050',
  WindowWidth: 'x00281051',
  RescaleIntercept: 'x00281052',
  RescaleSlope: 'x00281053',
  VOILUTFunction: 'x00281056',
  LUTDescriptor: 'x00283002',
  LUTData: 'x00283006',
  VOILUTSequence: 'x00283010',
  FloatPixelData: 'x7fe00008',
  DoubleFloatPixelData: 'x7fe00009',
  PixelData: 'x7fe00010',
} as const;
