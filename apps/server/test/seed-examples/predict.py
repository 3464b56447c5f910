import requests

url = "https://bhavanakhatri-breastcancerdetection.hf.space/predict"
files = {"file": open("mammogram.jpg", "rb")}
response = requests.post(url, files=files)
print(response.json())
