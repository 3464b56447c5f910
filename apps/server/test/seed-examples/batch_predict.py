import requests

url = "https://bhavanakhatri-breastcancerdetection.hf.space/batch-predict"
files = [
    ("files", open("image1.jpg", "rb")),
    ("files", open("image2.jpg", "rb")),
    ("files", open("image3.jpg", "rb"))
]
response = requests.post(url, files=files)
print(response.json())
