curl -X POST "https://bhavanakhatri-breastcancerdetection.hf.space/predict" \
  -F "file=@mammogram.jpg"
