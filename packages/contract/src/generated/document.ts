// Generated from openapi.yaml by packages/contract/scripts/generate.mjs. Do not edit.
// Change openapi.yaml and run `pnpm generate` instead.
/** The OpenAPI document as parsed JSON. */
export const openapiDocument = {
  "openapi": "3.1.0",
  "info": {
    "title": "Breast Cancer Detection API",
    "version": "1.0.0",
    "summary": "Mammogram classification (Benign / Malignant) for education and research only.",
    "description": "Self-hosted REST API that classifies a mammogram as **Benign** or **Malignant** with the\nmodel it serves (see `GET /model` for its card, its training data and its measured,\nmodest accuracy).\n\n**⚠️ For educational and research purposes only. Not for medical diagnosis.** It is\nnot approved for clinical use and must never inform a medical decision.\n\n**See it:** [`/demo`](./demo) is a page where you can drop mammograms and see each\nprediction with its heatmap; `POST /explain` returns the heatmap to programs.\n\nWire-compatible with the original FastAPI service: same paths, field names, response\nfields and error format (`{\"detail\": \"...\"}`). Errors also carry a stable `code`.\n\nImages are recognised from their bytes (JPEG, PNG 8/16-bit grey or colour, WebP,\nTIFF, DICOM), never from the file name or the client's content type. EXIF orientation is\napplied. DICOM (Part 10, with or without its preamble; one frame) is read in Implicit or\nExplicit VR Little Endian, Deflated, JPEG Baseline, JPEG Lossless (Process 14 and SV1),\nJPEG-LS, JPEG 2000 or RLE; its stored values go through the Modality LUT (rescale), the\nVOI LUT (the first window, LINEAR, LINEAR_EXACT or SIGMOID, or a VOI LUT sequence; else the\nfull range of the values) and MONOCHROME1 inversion into 8-bit grey, then through the\nsame preprocessing as any image. FOR PROCESSING images (raw detector data) are refused:\nsend the FOR PRESENTATION image. Nothing that identifies a patient is read into a\nresponse, a log or an error. Each image is converted to RGB and resized to the model's input size\n(224x224 for the seed; the default model's card says its own) with values in [0, 1].\nA model whose card says `input.preprocessing: mammogram` gets a normalised view\ninstead: the image in grey, at most 1024 px on its long side (the working image),\nwith a light background inverted, mirrored so that the chest wall is on the left,\ncropped to the breast and placed on a black square of the input size.\n\n**Only mammograms are read.** Before any verdict the server checks that the upload is a\nmammogram this model reads (the input check). A DICOM file must say Modality `MG` or a\nmammography SOP class; another modality (CT, MR, NM, US, PT, chest CR/DX, a secondary\ncapture of something else...) is refused with 422 `NOT_A_MAMMOGRAM`, naming the file and\nwhat it is. A CR, DX, OT or SC file whose Body Part Examined is `BREAST`, and a DICOM file\nwith no Modality, go on to the image checks, which every image passes through: at least\n256 px on its short side and at most 3:1, a grey-level spread (1st to 99th percentile of\nthe working image) of at least 32 levels, a colourfulness (Hasler and Süsstrunk) of at\nmost 12, and, where the model's card declares one (`GET /model`, `input_check`), the\nmodel's own typicality check: a Mahalanobis distance of the image's pooled features, from\nthe same forward pass as the verdict, to the mammograms the check was fitted on, with a\nthreshold chosen so that about 1 % of real mammograms fail it. What was checked comes\nback in every successful answer as `input_check`. The server setting `INPUT_CHECK` is\n`refuse` (the default), `warn` (the verdict is given with `input_check.status: warning`\nand a sentence saying why it should not be trusted, for researchers with unusual but real\nmammograms) or `off`.\n\n`image_statistics` are computed over the greyscale intensities (0-255 scale, ITU-R\nBT.601 luma) of that resized image, or, for a model with `mammogram` preprocessing,\nover the grey working image (long side at most 1024 px, original polarity, before\ncropping): `mean_intensity` and `std_intensity` (population standard deviation),\n`brightness = mean_intensity / 255 * 100` and `contrast = std_intensity / 255 * 100`,\neach rounded to two decimals.\n\nRisk levels are read from the calibrated malignant probability `p` (before\nrounding). Their boundaries are part of the model card (`GET /model`,\n`risk_levels`); the default table, the seed's, is:\n\n| malignant probability p | level | icon | color |\n|---|---|---|---|\n| p ≥ 0.90 | Very High Risk | 🔴 | #ff0000 |\n| 0.75 ≤ p < 0.90 | High Risk | 🟠 | #ff8000 |\n| 0.60 ≤ p < 0.75 | Moderate-High Risk | 🟡 | #ffcc00 |\n| 0.40 < p < 0.60 | Moderate Risk | 🟡 | #ffe066 |\n| 0.25 < p ≤ 0.40 | Low-Moderate Risk | 🟢 | #99cc33 |\n| 0.10 < p ≤ 0.25 (75-90% benign) | Low Risk | 🟢 | #33cc33 |\n| p ≤ 0.10 (≥ 90% benign) | Very Low Risk | 🟢 | #00aa00 |\n\nThe seed's README leaves 25-40% malignant unspecified (\"Low-Moderate Risk\" here) and\nits example shows 92% benign as \"Low Risk\", which contradicts its own table; this API\nfollows the table.\n\n**Screening categories** (only for a model whose card has screening operating points,\n`GET /model`, `screening`): each image result, and a study's combined result, carries\n`screening.category`: `likely_normal`, `elevated` or `high`, read from the thresholds at\nspecificity 0.90 and 0.95 measured out of fold. It is not a BI-RADS assessment and not a\ndiagnosis, and `likely_normal` can still hold most of the cancers (one minus the sensitivity\nat specificity 0.90 of them).\nThe model's probabilities are calibrated at the cancer prevalence of the data its calibration\nwas fitted on (`screening.base_prevalence`), which can be far above a screening\npopulation's (0.5-1 %). The server setting\n`SCREENING_PREVALENCE` (a number in (0, 1), e.g. `0.007`) adds to each `screening` the\nprobability re-calibrated to that prevalence by a prior-shift correction, and to the card\nthe operating points' predictive values at it. It never changes the seed-compatible fields\n(`prediction`, `confidence`, `probabilities`, `risk_assessment`): they keep the model's\ncalibration and decision threshold. Set with a model that has no screening operating\npoints, it keeps that model from loading (`/health/ready` says why).\n",
    "license": {
      "name": "MIT",
      "identifier": "MIT"
    }
  },
  "servers": [
    {
      "url": "/",
      "description": "This server (the default port is 7860)"
    }
  ],
  "tags": [
    {
      "name": "Prediction"
    },
    {
      "name": "PACS"
    },
    {
      "name": "Service"
    }
  ],
  "paths": {
    "/health": {
      "get": {
        "tags": [
          "Service"
        ],
        "operationId": "getHealth",
        "summary": "Service and model status",
        "description": "Reports `healthy` (200) only when the model is loaded and answers; otherwise 503 with the reason in `model_status`.",
        "responses": {
          "200": {
            "description": "The service is up and the model is loaded.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/HealthResponse"
                },
                "example": {
                  "status": "healthy",
                  "service": "Breast Cancer Detection API",
                  "version": "1.0.0",
                  "model_status": "loaded"
                }
              }
            }
          },
          "405": {
            "$ref": "#/components/responses/MethodNotAllowed"
          },
          "503": {
            "description": "The model is not loaded (still loading, missing or broken); predictions would fail.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/HealthResponse"
                },
                "example": {
                  "status": "unhealthy",
                  "service": "Breast Cancer Detection API",
                  "version": "1.0.0",
                  "model_status": "error"
                }
              }
            }
          }
        }
      }
    },
    "/health/live": {
      "get": {
        "tags": [
          "Service"
        ],
        "operationId": "getLiveness",
        "summary": "Liveness probe (the process is up)",
        "description": "200 whenever the process can answer, model or not. For orchestrators' liveness checks.",
        "responses": {
          "200": {
            "description": "The process is up.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ProbeResponse"
                },
                "example": {
                  "status": "ok"
                }
              }
            }
          },
          "405": {
            "$ref": "#/components/responses/MethodNotAllowed"
          }
        }
      }
    },
    "/health/ready": {
      "get": {
        "tags": [
          "Service"
        ],
        "operationId": "getReadiness",
        "summary": "Readiness probe (model loaded and warmed up, not shutting down)",
        "description": "200 when predictions can be served; 503 while the model loads, when it failed to load, or once shutdown has begun.",
        "responses": {
          "200": {
            "description": "Ready for traffic.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ProbeResponse"
                },
                "example": {
                  "status": "ready"
                }
              }
            }
          },
          "405": {
            "$ref": "#/components/responses/MethodNotAllowed"
          },
          "503": {
            "description": "Not ready; `detail` says why.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "Retry-After": {
                "$ref": "#/components/headers/Retry-After"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ProbeResponse"
                },
                "example": {
                  "status": "not_ready",
                  "detail": "the model is still loading."
                }
              }
            }
          }
        }
      }
    },
    "/predict": {
      "post": {
        "tags": [
          "Prediction"
        ],
        "operationId": "predict",
        "summary": "Classify one mammogram",
        "description": "Upload one image in the multipart field `file`. ⚠️ For educational purposes only,\nnot for medical diagnosis.\n",
        "requestBody": {
          "required": true,
          "content": {
            "multipart/form-data": {
              "schema": {
                "type": "object",
                "required": [
                  "file"
                ],
                "properties": {
                  "file": {
                    "type": "string",
                    "format": "binary",
                    "contentMediaType": "application/octet-stream",
                    "description": "The image (JPEG, PNG, WebP, TIFF or DICOM)."
                  }
                }
              },
              "encoding": {
                "file": {
                  "contentType": "image/png, image/jpeg, image/webp, image/tiff, application/dicom, application/octet-stream"
                }
              }
            }
          }
        },
        "security": [
          {},
          {
            "bearerAuth": []
          },
          {
            "apiKeyHeader": []
          }
        ],
        "responses": {
          "200": {
            "description": "The model's prediction for the image.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/PredictionResponse"
                },
                "example": {
                  "prediction": "Benign",
                  "confidence": 0.9234,
                  "probabilities": {
                    "benign": 92.34,
                    "malignant": 7.66
                  },
                  "risk_assessment": {
                    "level": "Very Low Risk",
                    "icon": "🟢",
                    "color": "#00aa00"
                  },
                  "image_statistics": {
                    "brightness": 45.2,
                    "contrast": 18.5,
                    "mean_intensity": 115.3,
                    "std_intensity": 47.2
                  },
                  "image_info": {
                    "filename": "mammogram.jpg",
                    "size": "1024x768",
                    "format": "JPEG"
                  },
                  "input_check": {
                    "mode": "refuse",
                    "status": "passed",
                    "checks": [
                      {
                        "check": "image_size",
                        "passed": true,
                        "value": 768,
                        "limit": 256,
                        "detail": "The image is 1024x768 px: large enough, and not too elongated, for a mammogram."
                      },
                      {
                        "check": "grey_range",
                        "passed": true,
                        "value": 201,
                        "limit": 32,
                        "detail": "Its grey levels span 201 levels (1st to 99th percentile)."
                      },
                      {
                        "check": "colourfulness",
                        "passed": true,
                        "value": 0.4,
                        "limit": 12,
                        "detail": "It is grey (colourfulness 0.4)."
                      }
                    ],
                    "typicality": {
                      "score": 18.5857,
                      "threshold": 38.9303,
                      "passed": true
                    }
                  },
                  "disclaimer": "⚠️ For educational purposes only. Not for medical diagnosis."
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "405": {
            "$ref": "#/components/responses/MethodNotAllowed"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/NotAMammogram"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      }
    },
    "/batch-predict": {
      "post": {
        "tags": [
          "Prediction"
        ],
        "operationId": "batchPredict",
        "summary": "Classify up to 10 mammograms",
        "description": "Upload 1 to 10 images, each in a multipart field named `files`. Results come back\nin upload order. A file that cannot be read, or that is not a mammogram (`code`\n`NOT_A_MAMMOGRAM`, see `POST /predict`), does not fail the batch: its entry carries\n`filename`, an `error` sentence and the `code` while the others succeed. The valid\nimages go through the model in passes of the server's configured size, with the\nsame results as one pass. ⚠️ For educational purposes only, not for medical\ndiagnosis.\n",
        "requestBody": {
          "required": true,
          "content": {
            "multipart/form-data": {
              "schema": {
                "type": "object",
                "required": [
                  "files"
                ],
                "properties": {
                  "files": {
                    "type": "array",
                    "minItems": 1,
                    "maxItems": 10,
                    "items": {
                      "type": "string",
                      "format": "binary",
                      "contentMediaType": "application/octet-stream"
                    }
                  }
                }
              }
            }
          }
        },
        "security": [
          {},
          {
            "bearerAuth": []
          },
          {
            "apiKeyHeader": []
          }
        ],
        "responses": {
          "200": {
            "description": "One entry per uploaded file, in upload order.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/BatchPredictionResponse"
                },
                "example": {
                  "total_images": 4,
                  "successful": 2,
                  "failed": 2,
                  "summary": {
                    "malignant": 1,
                    "benign": 1
                  },
                  "results": [
                    {
                      "filename": "image1.jpg",
                      "prediction": "Benign",
                      "confidence": 0.89,
                      "probabilities": {
                        "benign": 89,
                        "malignant": 11
                      },
                      "risk_assessment": {
                        "level": "Low Risk",
                        "icon": "🟢",
                        "color": "#33cc33"
                      },
                      "input_check": {
                        "mode": "refuse",
                        "status": "passed",
                        "checks": [
                          {
                            "check": "image_size",
                            "passed": true,
                            "value": 640,
                            "limit": 256,
                            "detail": "The image is 640x640 px."
                          },
                          {
                            "check": "grey_range",
                            "passed": true,
                            "value": 214,
                            "limit": 32,
                            "detail": "Its grey levels span 214 levels (1st to 99th percentile)."
                          },
                          {
                            "check": "colourfulness",
                            "passed": true,
                            "value": 0.3,
                            "limit": 12,
                            "detail": "It is grey (colourfulness 0.3)."
                          }
                        ],
                        "typicality": {
                          "score": 16.1,
                          "threshold": 38.9303,
                          "passed": true
                        }
                      }
                    },
                    {
                      "filename": "image2.jpg",
                      "prediction": "Malignant",
                      "confidence": 0.76,
                      "probabilities": {
                        "benign": 24,
                        "malignant": 76
                      },
                      "risk_assessment": {
                        "level": "High Risk",
                        "icon": "🟠",
                        "color": "#ff8000"
                      },
                      "input_check": {
                        "mode": "refuse",
                        "status": "passed",
                        "checks": [
                          {
                            "check": "image_size",
                            "passed": true,
                            "value": 640,
                            "limit": 256,
                            "detail": "The image is 640x640 px."
                          },
                          {
                            "check": "grey_range",
                            "passed": true,
                            "value": 214,
                            "limit": 32,
                            "detail": "Its grey levels span 214 levels (1st to 99th percentile)."
                          },
                          {
                            "check": "colourfulness",
                            "passed": true,
                            "value": 0.3,
                            "limit": 12,
                            "detail": "It is grey (colourfulness 0.3)."
                          }
                        ],
                        "typicality": {
                          "score": 16.1,
                          "threshold": 38.9303,
                          "passed": true
                        }
                      }
                    },
                    {
                      "filename": "notes.pdf",
                      "error": "notes.pdf: unsupported image format (pdf); send JPEG, PNG, WebP or TIFF.",
                      "code": "UNSUPPORTED_IMAGE"
                    },
                    {
                      "filename": "cat.jpg",
                      "error": "cat.jpg: not a mammogram. The image is in colour (colourfulness 48.2; a mammogram is grey, at most 12).",
                      "code": "NOT_A_MAMMOGRAM"
                    }
                  ],
                  "disclaimer": "⚠️ For educational purposes only. Not for medical diagnosis."
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "405": {
            "$ref": "#/components/responses/MethodNotAllowed"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      }
    },
    "/predict-study": {
      "post": {
        "tags": [
          "Prediction"
        ],
        "operationId": "predictStudy",
        "summary": "Classify the images of one examination and combine them per breast",
        "description": "Upload 1 to 8 images of one examination, each in a multipart field `files`. Each\nimage's laterality and view come from its DICOM tags (ImageLaterality or Laterality,\nViewPosition) or, for PNG, JPEG, WebP and TIFF, from the text fields `laterality` (`L`\nor `R`) and `view` (e.g. `CC`, `MLO`): either field, when sent, is sent once per file in\nupload order, empty for a file whose tags say it. A form value that contradicts a DICOM\ntag is refused, as is an image whose laterality nothing gives (400\n`LATERALITY_UNKNOWN`, naming the file).\n\nThe answer holds a result per image (as `/batch-predict`: a file that cannot be read\ngets an error entry), a result per breast and one for the study. **The rule** is the\nmodel's (`GET /model`, `study_rule`): a breast's malignant probability combines the\ncalibrated malignant probabilities of its images by `study_rule.breast`, and the study's\ncombines its breasts' values (not the images) by `study_rule.study`, each one of `max`\n(the largest), `min` (the smallest), `mean` (the arithmetic mean) or `mean_logit`\n(sigmoid of the mean logit, each p first held to [1e-6, 1 − 1e-6]). With `breast: min`\nand `study: max`, the study's value is max(min(left images), min(right images)); a study\nwith one breast has that breast's value. A model whose manifest states no rule is served\nwith `max` and `max`: one suspicious view is enough. The answer's `rule` says the rule in\nforce in words. Each combined value gets its label from the model's decision threshold\nand its risk level from the model's table, read as if it were one image's probability.\nThis is an aggregation of a model that scores single images, not a model trained on\nstudies. Missing standard views (L-CC, L-MLO, R-CC, R-MLO) are allowed and listed.\n\nWith a model that has screening operating points, each image and the study carry a\n`screening` category, and each breast too its value at `SCREENING_PREVALENCE` when the\nserver sets it (see `ScreeningResult`, `BreastScreening`).\n\n⚠️ For educational purposes only, not for medical diagnosis.\n",
        "requestBody": {
          "required": true,
          "content": {
            "multipart/form-data": {
              "schema": {
                "type": "object",
                "required": [
                  "files"
                ],
                "properties": {
                  "files": {
                    "type": "array",
                    "minItems": 1,
                    "maxItems": 8,
                    "items": {
                      "type": "string",
                      "format": "binary",
                      "contentMediaType": "application/octet-stream"
                    }
                  },
                  "laterality": {
                    "type": "array",
                    "description": "One per file, in upload order; `L`, `R`, or empty to take the DICOM tag.",
                    "items": {
                      "type": "string",
                      "enum": [
                        "L",
                        "R",
                        ""
                      ]
                    }
                  },
                  "view": {
                    "type": "array",
                    "description": "One per file, in upload order; the view (e.g. `CC`, `MLO`), or empty to take the DICOM tag.",
                    "items": {
                      "type": "string",
                      "pattern": "^([A-Za-z]{1,16})?$"
                    }
                  }
                }
              }
            }
          }
        },
        "security": [
          {},
          {
            "bearerAuth": []
          },
          {
            "apiKeyHeader": []
          }
        ],
        "responses": {
          "200": {
            "description": "A result per image, per breast and for the study.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/StudyResponse"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "405": {
            "$ref": "#/components/responses/MethodNotAllowed"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      }
    },
    "/explain": {
      "post": {
        "tags": [
          "Prediction"
        ],
        "operationId": "explain",
        "summary": "Classify one mammogram and show where the model looked",
        "description": "Everything `POST /predict` returns for the image in the multipart field `file`, plus\n`heatmap`: the model's score map for the image, from the same forward pass as the\nprediction (no second inference). Each cell is the calibrated malignant probability\nof that region, read on the scale of the image's score (the model card's\n`calibration` applied to the cell's logit). The default model's image logit pools its\ncells' logits (log-mean-exp, between their mean and their maximum), so a region with a\nhigh value pushed the image's score up. A heatmap shows what drove this model's score. It is not a lesion detector, and\na model this weak (see `GET /model`) often looks at the wrong place.\n\nWith `Accept: image/png` the answer is instead a PNG of the image (at its own aspect\nratio, 1024 px on the long side, EXIF orientation applied) with the heatmap\nlaid over it, a colour scale, the prediction and the disclaimer drawn in; the\nprediction is also in the `X-Prediction`, `X-Malignant-Probability` and\n`X-Risk-Level` headers. Errors are JSON whatever `Accept` says.\n\nOnly a model whose manifest declares a score-map output (`score_map` in\n`GET /model`) can explain; with any other model this answers 422\n`EXPLANATION_UNAVAILABLE` before reading the upload. There is no model-agnostic\nfallback (such as occlusion, which would cost one inference per occluded region).\n\n⚠️ For educational purposes only, not for medical diagnosis.\n",
        "parameters": [
          {
            "name": "opacity",
            "in": "query",
            "required": false,
            "description": "With `Accept: image/png`, the heatmap's opacity over the image, 0 (the image alone) to 1. Ignored for JSON.",
            "schema": {
              "type": "number",
              "minimum": 0,
              "maximum": 1,
              "default": 0.45
            }
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "multipart/form-data": {
              "schema": {
                "type": "object",
                "required": [
                  "file"
                ],
                "properties": {
                  "file": {
                    "type": "string",
                    "format": "binary",
                    "contentMediaType": "application/octet-stream",
                    "description": "The image (JPEG, PNG, WebP, TIFF or DICOM)."
                  }
                }
              },
              "encoding": {
                "file": {
                  "contentType": "image/png, image/jpeg, image/webp, image/tiff, application/dicom, application/octet-stream"
                }
              }
            }
          }
        },
        "security": [
          {},
          {
            "bearerAuth": []
          },
          {
            "apiKeyHeader": []
          }
        ],
        "responses": {
          "200": {
            "description": "The prediction with its heatmap (JSON), or the overlay (PNG), as `Accept` asks; JSON when `Accept` is absent or `*/*`.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "X-Prediction": {
                "description": "With `image/png` only, the predicted label.",
                "schema": {
                  "$ref": "#/components/schemas/Label"
                }
              },
              "X-Malignant-Probability": {
                "description": "With `image/png` only, the malignant probability in percent (as `probabilities.malignant`).",
                "schema": {
                  "type": "string",
                  "pattern": "^[0-9]{1,3}(\\.[0-9]{1,2})?$"
                }
              },
              "X-Risk-Level": {
                "description": "With `image/png` only, the risk level's name.",
                "schema": {
                  "$ref": "#/components/schemas/RiskLevelName"
                }
              },
              "X-Input-Check": {
                "description": "With `image/png` only, `input_check.status`: `passed`, `warning` (the overlay then says first that the image is not taken for a mammogram) or `not_checked`.",
                "schema": {
                  "type": "string",
                  "enum": [
                    "passed",
                    "warning",
                    "not_checked"
                  ]
                }
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ExplainResponse"
                }
              },
              "image/png": {
                "schema": {
                  "type": "string",
                  "format": "binary",
                  "contentMediaType": "image/png"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "405": {
            "$ref": "#/components/responses/MethodNotAllowed"
          },
          "406": {
            "description": "`Accept` names neither `application/json` nor `image/png`.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ErrorResponse"
                },
                "example": {
                  "detail": "This endpoint answers application/json or image/png; the request accepts neither (Accept: text/csv).",
                  "code": "NOT_ACCEPTABLE"
                }
              }
            }
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "description": "`EXPLANATION_UNAVAILABLE`: the served model has no score-map output, so it cannot\nexplain; `detail` names the model, and the upload is not read.\n`NOT_A_MAMMOGRAM`: the upload is not a mammogram this model reads (see\n`POST /predict`); no heatmap is drawn for it.\n",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ErrorResponse"
                },
                "examples": {
                  "explanationUnavailable": {
                    "value": {
                      "detail": "The served model (tiny-test-model 1.0.0) has no score-map output, so it cannot explain its predictions: serve a model whose manifest declares output.score_map, such as the default model.",
                      "code": "EXPLANATION_UNAVAILABLE"
                    }
                  },
                  "notAMammogram": {
                    "value": {
                      "detail": "cat.jpg: not a mammogram. The image is in colour (colourfulness 48.2; a mammogram is grey, at most 12).",
                      "code": "NOT_A_MAMMOGRAM"
                    }
                  }
                }
              }
            }
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      }
    },
    "/studies/{StudyInstanceUID}/analyze": {
      "post": {
        "tags": [
          "PACS"
        ],
        "operationId": "analyzePacsStudy",
        "summary": "Analyse a study in the PACS and store the results back into it as DICOM",
        "description": "For a server set up with a DICOMweb PACS (`DICOMWEB_URL`, e.g.\n`http://127.0.0.1:8042/dicom-web` for Orthanc): finds the study's MG instances (QIDO-RS),\nretrieves them as stored (WADO-RS), analyses them as `POST /predict-study` does (each\nimage's laterality and view from its DICOM tags; at most 8 images), and stores the results\nback into the same study (STOW-RS), as two new series:\n\n- a **Comprehensive SR** (TID 1500 Imaging Measurement Report; SOP class 88.33, or 88.34\n  under `DICOM_SR_CLASS=comprehensive-3d`) holding, per image, per breast and for the\n  exam, the calibrated probability as (111047, DCM, \"Probability of cancer\") in `%`, each\n  image's heatmap peak cell as a region (SCOORD) on its source image, the rule, the\n  algorithm's identity (model name, version, SHA-256 of its weights; also in the Contributing\n  Equipment Sequence, as the IHE AI Results profile asks) and the disclaimer;\n- for a model with a score map, each image's **heatmap overlay** as a Secondary Capture\n  that references its source image.\n\nA result copies from its study only what a PACS needs to file it there (the patient's\nname, ID, birth date and sex, and the study's UID, date, time, ID, accession number and\nreferring physician, as they are); nothing about the patient is logged or counted.\n\n**Stored once.** The results' UIDs are derived from the study's UID and the model's\nSHA-256, and the report is stored last: when the study already holds this model's\nreport, the analysis is answered again and nothing is stored (`already_stored: true`);\na store cut short is completed by the next call, never doubled. The server's watch mode\n(`PACS_WATCH=on`) does the same, unattended, for each new stable mammography study.\n\nErrors: 404 `STUDY_NOT_FOUND` (the PACS has no such study) or `PACS_NOT_CONFIGURED`\n(this server has no `DICOMWEB_URL`: it has no PACS to find the study in); 422\n`STUDY_NOT_ANALYSABLE` (no MG image, more than 8, one above `MAX_FILE_BYTES`, an image\nwithout laterality, or none that passes the input check: `detail` says which); 503 as\nfor an upload (the images are held under the same memory budget, `MAX_BUFFERED_BYTES`); 502 `PACS_UNAVAILABLE` (the PACS could\nnot be reached, answered with an error or refused to store) and 504 `PACS_TIMEOUT`, both\nworth a retry.\n\n⚠️ For educational purposes only, not for medical diagnosis.\n",
        "parameters": [
          {
            "name": "StudyInstanceUID",
            "in": "path",
            "required": true,
            "description": "The study's Study Instance UID (digits and dots, at most 64 characters).",
            "schema": {
              "type": "string",
              "pattern": "^[0-9]+(\\.[0-9]+)*$",
              "maxLength": 64
            }
          }
        ],
        "security": [
          {},
          {
            "bearerAuth": []
          },
          {
            "apiKeyHeader": []
          }
        ],
        "responses": {
          "200": {
            "description": "The study's analysis and the UIDs of its results in the PACS.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/PacsAnalysisResponse"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/PacsError"
          },
          "405": {
            "$ref": "#/components/responses/MethodNotAllowed"
          },
          "422": {
            "$ref": "#/components/responses/PacsError"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          },
          "502": {
            "$ref": "#/components/responses/PacsError"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          },
          "504": {
            "$ref": "#/components/responses/PacsError"
          }
        }
      }
    },
    "/model": {
      "get": {
        "tags": [
          "Service"
        ],
        "operationId": "getModel",
        "summary": "The served model's card",
        "description": "Name, version, artifact SHA-256, input, labels, training data, evaluation figures, risk\nthresholds, intended use, limitations and disclaimer; the rule `POST /predict-study`\ncombines images by (`study_rule`); and, for a model that has them, its screening operating\npoints with the categories read from them and, when the server sets\n`SCREENING_PREVALENCE`, their predictive values at that prevalence (`screening`).\n",
        "security": [
          {},
          {
            "bearerAuth": []
          },
          {
            "apiKeyHeader": []
          }
        ],
        "responses": {
          "200": {
            "description": "The model card.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ModelCard"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "405": {
            "$ref": "#/components/responses/MethodNotAllowed"
          },
          "503": {
            "$ref": "#/components/responses/ModelUnavailable"
          }
        }
      }
    },
    "/metrics": {
      "get": {
        "tags": [
          "Service"
        ],
        "operationId": "getMetrics",
        "summary": "Prometheus metrics",
        "description": "The server's metrics in the Prometheus text exposition format (version 0.0.4), for a\nscraper. `bcd_*` metrics: requests and their latency by method, route template and\nstatus (`bcd_http_requests_total`, `bcd_http_request_duration_seconds`); refusals and\nfailures by reason and error code (`bcd_rejections_total`); inference time per request\nand images per forward pass (`bcd_inference_duration_seconds`,\n`bcd_inference_batch_images`); images classified by label\n(`bcd_images_classified_total`); prediction requests in progress and waiting for upload\nmemory (`bcd_requests_in_flight`, `bcd_requests_queued`, `bcd_upload_buffered_bytes`);\ninference workers replaced (`bcd_worker_restarts_total`); the PACS node's studies by\ntrigger and outcome and their duration (`bcd_pacs_studies_total`,\n`bcd_pacs_study_duration_seconds`) and the watch mode's looks at the PACS\n(`bcd_pacs_watch_polls_total`), with no patient or study identifier as a label; the served model\n(`bcd_model_info`, 1, with its name, version and weights SHA-256 as labels). Also\nprom-client's default process and Node.js metrics (`process_*`, `nodejs_*`).\n\nOpen without an API key unless the server is started with `METRICS_REQUIRE_KEY=true`\n(and `API_KEYS`): scrapers usually run inside the cluster. Absent (404) when the server\nis started with `METRICS_ENABLED=false`.\n",
        "security": [
          {},
          {
            "bearerAuth": []
          },
          {
            "apiKeyHeader": []
          }
        ],
        "responses": {
          "200": {
            "description": "The metrics; `Content-Type: text/plain; version=0.0.4; charset=utf-8`.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              }
            },
            "content": {
              "text/plain": {
                "schema": {
                  "type": "string"
                },
                "example": "# HELP bcd_images_classified_total Images classified, by predicted label.\n# TYPE bcd_images_classified_total counter\nbcd_images_classified_total{label=\"Benign\"} 12\nbcd_images_classified_total{label=\"Malignant\"} 3\n"
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "description": "Metrics are turned off (`METRICS_ENABLED=false`).",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ErrorResponse"
                }
              }
            }
          },
          "405": {
            "$ref": "#/components/responses/MethodNotAllowed"
          }
        }
      }
    },
    "/openapi.json": {
      "get": {
        "tags": [
          "Service"
        ],
        "operationId": "getOpenApiJson",
        "summary": "This document as JSON",
        "responses": {
          "200": {
            "description": "The OpenAPI document.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "openapi",
                    "info",
                    "paths"
                  ],
                  "properties": {
                    "openapi": {
                      "type": "string"
                    },
                    "info": {
                      "type": "object"
                    },
                    "paths": {
                      "type": "object"
                    }
                  }
                }
              }
            }
          },
          "405": {
            "$ref": "#/components/responses/MethodNotAllowed"
          }
        }
      }
    },
    "/openapi.yaml": {
      "get": {
        "tags": [
          "Service"
        ],
        "operationId": "getOpenApiYaml",
        "summary": "This document as YAML",
        "responses": {
          "200": {
            "description": "The OpenAPI document, as written.",
            "content": {
              "application/yaml": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "405": {
            "$ref": "#/components/responses/MethodNotAllowed"
          }
        }
      }
    },
    "/": {
      "get": {
        "tags": [
          "Service"
        ],
        "operationId": "getSwaggerUi",
        "summary": "Swagger UI (served offline)",
        "responses": {
          "200": {
            "description": "HTML page.",
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "405": {
            "$ref": "#/components/responses/MethodNotAllowed"
          }
        }
      }
    },
    "/redoc": {
      "get": {
        "tags": [
          "Service"
        ],
        "operationId": "getRedoc",
        "summary": "ReDoc (served offline)",
        "responses": {
          "200": {
            "description": "HTML page.",
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "405": {
            "$ref": "#/components/responses/MethodNotAllowed"
          }
        }
      }
    },
    "/docs/{asset}": {
      "get": {
        "tags": [
          "Service"
        ],
        "operationId": "getDocsAsset",
        "summary": "Script and style files of the documentation pages (from npm packages, served offline)",
        "parameters": [
          {
            "name": "asset",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string",
              "enum": [
                "swagger-ui.css",
                "swagger-ui-bundle.js",
                "swagger-init.js",
                "redoc.standalone.js"
              ]
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The file.",
            "content": {
              "text/css": {
                "schema": {
                  "type": "string"
                }
              },
              "application/javascript": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "404": {
            "description": "No such asset.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ErrorResponse"
                }
              }
            }
          },
          "405": {
            "$ref": "#/components/responses/MethodNotAllowed"
          }
        }
      }
    },
    "/demo": {
      "get": {
        "tags": [
          "Service"
        ],
        "operationId": "getDemo",
        "summary": "A page where a person uses the service (upload, prediction, heatmap)",
        "description": "A single-page app, served from this server's own files (no CDN): drop up to 10\nimages, see each prediction, its probabilities, risk level, image statistics and\nheatmap overlay, beside the served model's card. Open without an API key; when the\nserver requires one, the page asks for it. ⚠️ For educational purposes only.\n",
        "responses": {
          "200": {
            "description": "The page.",
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "404": {
            "description": "This server was composed without the demo page (a server built on `@bcd-api/http` alone), or the page is not built.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ErrorResponse"
                }
              }
            }
          },
          "405": {
            "$ref": "#/components/responses/MethodNotAllowed"
          }
        }
      }
    },
    "/demo/assets/{asset}": {
      "get": {
        "tags": [
          "Service"
        ],
        "operationId": "getDemoAsset",
        "summary": "A script, style sheet or image of the demo page",
        "parameters": [
          {
            "name": "asset",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The file; its name carries a hash of its content, so it is cached for a year.",
            "content": {
              "application/javascript": {
                "schema": {
                  "type": "string"
                }
              },
              "text/css": {
                "schema": {
                  "type": "string"
                }
              },
              "image/svg+xml": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "404": {
            "description": "No such asset.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ErrorResponse"
                }
              }
            }
          },
          "405": {
            "$ref": "#/components/responses/MethodNotAllowed"
          }
        }
      }
    }
  },
  "components": {
    "securitySchemes": {
      "bearerAuth": {
        "type": "http",
        "scheme": "bearer",
        "description": "Only when the server is started with API_KEYS; off by default, as the original API."
      },
      "apiKeyHeader": {
        "type": "apiKey",
        "in": "header",
        "name": "X-API-Key",
        "description": "Same keys as bearerAuth, for clients that cannot set Authorization."
      }
    },
    "headers": {
      "Retry-After": {
        "description": "Seconds to wait before retrying.",
        "schema": {
          "type": "string",
          "pattern": "^[0-9]+$"
        }
      },
      "X-Request-Id": {
        "description": "Identifier of this request, also written to the server's log. A client may send its own (1-128 characters of `A-Za-z0-9._-`), which is then echoed.",
        "schema": {
          "type": "string",
          "pattern": "^[A-Za-z0-9._-]{1,128}$"
        }
      }
    },
    "responses": {
      "BadRequest": {
        "description": "The request cannot be used: no file, an empty file, a file that is not a supported\nimage (the file is named and the reason given), more than 10 files, or an\nunexpected multipart field, or a query parameter out of range (INVALID_PARAMETER).\n",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/ErrorResponse"
            },
            "example": {
              "detail": "No file uploaded: send the image in the multipart field 'file'.",
              "code": "MISSING_FILE"
            }
          }
        }
      },
      "MethodNotAllowed": {
        "description": "The path exists but not with this method; `Allow` lists the methods it takes.",
        "headers": {
          "Allow": {
            "schema": {
              "type": "string"
            }
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/ErrorResponse"
            }
          }
        }
      },
      "PayloadTooLarge": {
        "description": "A file or the whole request is larger than the configured limit (named in `detail`). A\nrequest is measured by its Content-Length before anything is read, and a chunked body\n(no Content-Length) is counted as it arrives: it is refused as soon as it passes the\nlimit, and the rest is not read (the answer carries `Connection: close`).\n",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/ErrorResponse"
            },
            "example": {
              "detail": "File too large: the limit is 52428800 bytes per file.",
              "code": "PAYLOAD_TOO_LARGE"
            }
          }
        }
      },
      "UnsupportedMediaType": {
        "description": "The request body is not `multipart/form-data`.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/ErrorResponse"
            }
          }
        }
      },
      "InternalError": {
        "description": "An unexpected failure. The body never holds a stack trace or a path; the request id identifies it in the server's log.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/ErrorResponse"
            }
          }
        }
      },
      "Unauthorized": {
        "description": "API keys are configured and the request carried none, or a wrong one (`Authorization: Bearer <key>` or `X-API-Key`).",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          },
          "WWW-Authenticate": {
            "schema": {
              "type": "string"
            }
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/ErrorResponse"
            },
            "example": {
              "detail": "An API key is required: send Authorization: Bearer <key> or X-API-Key.",
              "code": "UNAUTHORIZED"
            }
          }
        }
      },
      "ServiceUnavailable": {
        "description": "The request cannot be served now; `code` says why and `Retry-After` when to try again:\nMODEL_UNAVAILABLE (the model is missing, broken or still loading); OVERLOADED (too many\nrequests are in progress, which is answered at once, or the uploads held in memory have\nreached the server's budget and no room came within about 2 seconds: load is shed\nrather than queued without bound); TIMEOUT (the request passed its deadline; its upload\nand inference are abandoned, and the answer carries `Connection: close`);\nINFERENCE_INTERRUPTED (the inference worker holding it crashed or hung and was\nreplaced); SHUTTING_DOWN (the server is stopping: for a grace period after SIGTERM it\nstill answers, with this code and `Connection: close`, rather than refusing\nconnections; requests it had accepted before are completed).\n",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          },
          "Retry-After": {
            "$ref": "#/components/headers/Retry-After"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/ErrorResponse"
            },
            "example": {
              "detail": "The server is at capacity (64 requests in progress); retry after 1 second.",
              "code": "OVERLOADED"
            }
          }
        }
      },
      "NotAMammogram": {
        "description": "The upload is an image, but not a mammogram this model reads, and the server's\n`INPUT_CHECK` is `refuse` (the default). `detail` names the file and says what it is or\nwhich check it failed: a DICOM Modality other than MG (\"Modality NM (nuclear\nmedicine); this model reads mammograms (MG)\"), an image too small, blank or in colour,\nor an image that the model's typicality check finds unlike any mammogram it was fitted\non (the score and the threshold are named). No verdict is given.\n",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/ErrorResponse"
            },
            "example": {
              "detail": "scan.dcm: not a mammogram. Modality NM (nuclear medicine); this model reads mammograms (MG).",
              "code": "NOT_A_MAMMOGRAM"
            }
          }
        }
      },
      "ModelUnavailable": {
        "description": "The model is not loaded (missing, broken or still loading); `detail` says which.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/ErrorResponse"
            },
            "example": {
              "detail": "The model is not available: model file not found.",
              "code": "MODEL_UNAVAILABLE"
            }
          }
        }
      },
      "PacsError": {
        "description": "The PACS operation failed: `code` says why (`STUDY_NOT_FOUND`, `STUDY_NOT_ANALYSABLE`,\n`PACS_NOT_CONFIGURED`, `PACS_UNAVAILABLE`, `PACS_TIMEOUT`); the last two carry\n`Retry-After`.\n",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          },
          "Retry-After": {
            "$ref": "#/components/headers/Retry-After"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/ErrorResponse"
            },
            "example": {
              "detail": "The PACS has no study 1.2.826.0.1.3680043.10.1001.7.",
              "code": "STUDY_NOT_FOUND"
            }
          }
        }
      }
    },
    "schemas": {
      "ErrorResponse": {
        "type": "object",
        "description": "Every error has a human sentence in `detail`, as the original API, and a stable machine `code`.",
        "required": [
          "detail",
          "code"
        ],
        "additionalProperties": false,
        "properties": {
          "detail": {
            "type": "string",
            "minLength": 1,
            "description": "What went wrong, as a sentence for a person."
          },
          "code": {
            "$ref": "#/components/schemas/ErrorCode"
          },
          "status": {
            "type": "integer",
            "minimum": 400,
            "maximum": 599,
            "description": "The HTTP status, repeated (RFC 9457)."
          },
          "title": {
            "type": "string",
            "description": "Short summary of the error kind (RFC 9457)."
          }
        }
      },
      "ErrorCode": {
        "type": "string",
        "enum": [
          "MISSING_FILE",
          "EMPTY_FILE",
          "UNEXPECTED_FIELD",
          "TOO_MANY_FILES",
          "TOO_MANY_PARTS",
          "UNSUPPORTED_IMAGE",
          "CORRUPT_IMAGE",
          "IMAGE_TOO_LARGE",
          "MALFORMED_MULTIPART",
          "PAYLOAD_TOO_LARGE",
          "UNSUPPORTED_MEDIA_TYPE",
          "METHOD_NOT_ALLOWED",
          "NOT_FOUND",
          "MODEL_UNAVAILABLE",
          "OVERLOADED",
          "TIMEOUT",
          "SHUTTING_DOWN",
          "INFERENCE_INTERRUPTED",
          "UNAUTHORIZED",
          "EXPLANATION_UNAVAILABLE",
          "NOT_ACCEPTABLE",
          "INVALID_PARAMETER",
          "LATERALITY_UNKNOWN",
          "NOT_A_MAMMOGRAM",
          "STUDY_NOT_FOUND",
          "STUDY_NOT_ANALYSABLE",
          "PACS_NOT_CONFIGURED",
          "PACS_UNAVAILABLE",
          "PACS_TIMEOUT",
          "INTERNAL_ERROR"
        ]
      },
      "ProbeResponse": {
        "type": "object",
        "required": [
          "status"
        ],
        "additionalProperties": false,
        "properties": {
          "status": {
            "type": "string",
            "enum": [
              "ok",
              "ready",
              "not_ready"
            ]
          },
          "detail": {
            "type": "string"
          }
        }
      },
      "HealthResponse": {
        "type": "object",
        "required": [
          "status",
          "service",
          "version",
          "model_status"
        ],
        "additionalProperties": false,
        "properties": {
          "status": {
            "type": "string",
            "enum": [
              "healthy",
              "unhealthy"
            ]
          },
          "service": {
            "type": "string",
            "const": "Breast Cancer Detection API"
          },
          "version": {
            "type": "string"
          },
          "model_status": {
            "type": "string",
            "enum": [
              "loaded",
              "loading",
              "not_loaded",
              "error"
            ],
            "description": "`loaded` when the model answers; `loading` during start-up; `not_loaded` when no model is configured or found; `error` when it failed to load."
          }
        }
      },
      "Label": {
        "type": "string",
        "enum": [
          "Benign",
          "Malignant"
        ]
      },
      "Probabilities": {
        "type": "object",
        "description": "Calibrated class probabilities in percent, two decimals, summing to 100.",
        "required": [
          "benign",
          "malignant"
        ],
        "additionalProperties": false,
        "properties": {
          "benign": {
            "type": "number",
            "minimum": 0,
            "maximum": 100
          },
          "malignant": {
            "type": "number",
            "minimum": 0,
            "maximum": 100
          }
        }
      },
      "RiskLevelName": {
        "type": "string",
        "enum": [
          "Very High Risk",
          "High Risk",
          "Moderate-High Risk",
          "Moderate Risk",
          "Low-Moderate Risk",
          "Low Risk",
          "Very Low Risk"
        ]
      },
      "RiskAssessment": {
        "type": "object",
        "required": [
          "level",
          "icon",
          "color"
        ],
        "additionalProperties": false,
        "properties": {
          "level": {
            "$ref": "#/components/schemas/RiskLevelName"
          },
          "icon": {
            "type": "string",
            "enum": [
              "🔴",
              "🟠",
              "🟡",
              "🟢"
            ]
          },
          "color": {
            "type": "string",
            "pattern": "^#[0-9a-f]{6}$"
          }
        }
      },
      "ImageStatistics": {
        "type": "object",
        "description": "Greyscale statistics of the resized image (see the API description for the formulas).",
        "required": [
          "brightness",
          "contrast",
          "mean_intensity",
          "std_intensity"
        ],
        "additionalProperties": false,
        "properties": {
          "brightness": {
            "type": "number",
            "minimum": 0,
            "maximum": 100,
            "description": "mean_intensity / 255 * 100"
          },
          "contrast": {
            "type": "number",
            "minimum": 0,
            "maximum": 100,
            "description": "std_intensity / 255 * 100"
          },
          "mean_intensity": {
            "type": "number",
            "minimum": 0,
            "maximum": 255
          },
          "std_intensity": {
            "type": "number",
            "minimum": 0,
            "maximum": 255
          }
        }
      },
      "ImageInfo": {
        "type": "object",
        "required": [
          "filename",
          "size",
          "format"
        ],
        "additionalProperties": false,
        "properties": {
          "filename": {
            "type": "string",
            "description": "The client's file name, sanitised (no path, no control characters, at most 255 characters)."
          },
          "size": {
            "type": "string",
            "pattern": "^[0-9]+x[0-9]+$",
            "description": "Width x height in pixels, after EXIF orientation."
          },
          "format": {
            "type": "string",
            "enum": [
              "JPEG",
              "PNG",
              "WEBP",
              "TIFF",
              "DICOM"
            ]
          }
        }
      },
      "Disclaimer": {
        "type": "string",
        "const": "⚠️ For educational purposes only. Not for medical diagnosis."
      },
      "PredictionResponse": {
        "type": "object",
        "required": [
          "prediction",
          "confidence",
          "probabilities",
          "risk_assessment",
          "image_statistics",
          "image_info",
          "input_check",
          "disclaimer"
        ],
        "additionalProperties": false,
        "properties": {
          "prediction": {
            "$ref": "#/components/schemas/Label"
          },
          "confidence": {
            "type": "number",
            "minimum": 0,
            "maximum": 1,
            "description": "Probability of the predicted class, 0-1, four decimals."
          },
          "probabilities": {
            "$ref": "#/components/schemas/Probabilities"
          },
          "risk_assessment": {
            "$ref": "#/components/schemas/RiskAssessment"
          },
          "image_statistics": {
            "$ref": "#/components/schemas/ImageStatistics"
          },
          "image_info": {
            "$ref": "#/components/schemas/ImageInfo"
          },
          "input_check": {
            "$ref": "#/components/schemas/InputCheck"
          },
          "screening": {
            "$ref": "#/components/schemas/ScreeningResult"
          },
          "dicom": {
            "$ref": "#/components/schemas/DicomInfo"
          },
          "disclaimer": {
            "$ref": "#/components/schemas/Disclaimer"
          }
        }
      },
      "Heatmap": {
        "type": "object",
        "description": "The model's score map for the image: `height` rows of `width` cells over the model's\ninput, row by row from the top left. Where a cell lies on the image: the point (u, v)\nof the grid, in cells (cell (c, r) spans c ≤ u ≤ c+1, r ≤ v ≤ r+1), is the image pixel\n(`offset_x + scale_x·u`, `offset_y + scale_y·v`), in the coordinates of `image_info.size`\n(after EXIF orientation). `scale_x` is negative when the model saw the image mirrored\n(the default model puts the chest wall on the left). With `mammogram` preprocessing the\ngrid covers the square the breast was placed on, so cells beyond the image's edges\n(padding) can exist; they hold no tissue.\n",
        "required": [
          "width",
          "height",
          "values",
          "peak",
          "grid_to_image",
          "source"
        ],
        "additionalProperties": false,
        "properties": {
          "width": {
            "type": "integer",
            "minimum": 1,
            "description": "Cells across."
          },
          "height": {
            "type": "integer",
            "minimum": 1,
            "description": "Cells down."
          },
          "values": {
            "type": "array",
            "minItems": 1,
            "items": {
              "type": "number",
              "minimum": 0,
              "maximum": 1
            },
            "description": "`width × height` calibrated malignant probabilities, one per cell, four decimals."
          },
          "peak": {
            "type": "object",
            "description": "The cell with the highest value whose centre lies on the image, and that centre in image pixels.",
            "required": [
              "x",
              "y",
              "value",
              "column",
              "row"
            ],
            "additionalProperties": false,
            "properties": {
              "x": {
                "type": "number",
                "description": "Image pixel column of the cell's centre (one decimal)."
              },
              "y": {
                "type": "number",
                "description": "Image pixel row of the cell's centre (one decimal)."
              },
              "value": {
                "type": "number",
                "minimum": 0,
                "maximum": 1
              },
              "column": {
                "type": "integer",
                "minimum": 0
              },
              "row": {
                "type": "integer",
                "minimum": 0
              }
            }
          },
          "grid_to_image": {
            "type": "object",
            "description": "The mapping from grid coordinates (u, v) to image pixels: x = offset_x + scale_x·u, y = offset_y + scale_y·v.",
            "required": [
              "scale_x",
              "offset_x",
              "scale_y",
              "offset_y"
            ],
            "additionalProperties": false,
            "properties": {
              "scale_x": {
                "type": "number"
              },
              "offset_x": {
                "type": "number"
              },
              "scale_y": {
                "type": "number"
              },
              "offset_y": {
                "type": "number"
              }
            }
          },
          "source": {
            "type": "string",
            "enum": [
              "model_score_map"
            ],
            "description": "`model_score_map`: the model's own score-map output, from the same forward pass as the prediction."
          }
        }
      },
      "ExplainResponse": {
        "type": "object",
        "description": "Everything `POST /predict` returns, plus the heatmap.",
        "required": [
          "prediction",
          "confidence",
          "probabilities",
          "risk_assessment",
          "image_statistics",
          "image_info",
          "heatmap",
          "input_check",
          "disclaimer"
        ],
        "additionalProperties": false,
        "properties": {
          "prediction": {
            "$ref": "#/components/schemas/Label"
          },
          "confidence": {
            "type": "number",
            "minimum": 0,
            "maximum": 1,
            "description": "Probability of the predicted class, 0-1, four decimals."
          },
          "probabilities": {
            "$ref": "#/components/schemas/Probabilities"
          },
          "risk_assessment": {
            "$ref": "#/components/schemas/RiskAssessment"
          },
          "image_statistics": {
            "$ref": "#/components/schemas/ImageStatistics"
          },
          "image_info": {
            "$ref": "#/components/schemas/ImageInfo"
          },
          "heatmap": {
            "$ref": "#/components/schemas/Heatmap"
          },
          "input_check": {
            "$ref": "#/components/schemas/InputCheck"
          },
          "screening": {
            "$ref": "#/components/schemas/ScreeningResult"
          },
          "dicom": {
            "$ref": "#/components/schemas/DicomInfo"
          },
          "disclaimer": {
            "$ref": "#/components/schemas/Disclaimer"
          }
        }
      },
      "InputCheck": {
        "type": "object",
        "description": "What the server checked before giving this verdict: whether the upload is a mammogram\nthis model reads. `status` is `passed` when every check passed; `warning` when one\nfailed and the server, set to `INPUT_CHECK=warn`, gave the verdict anyway (`warning`\nsays why, and the verdict is then not meaningful); `not_checked` when the server is\nset to `off`. The verdict's fields mean the same in every case.\n",
        "required": [
          "mode",
          "status",
          "checks",
          "typicality"
        ],
        "additionalProperties": false,
        "properties": {
          "mode": {
            "type": "string",
            "enum": [
              "refuse",
              "warn",
              "off"
            ],
            "description": "The server's `INPUT_CHECK` setting."
          },
          "status": {
            "type": "string",
            "enum": [
              "passed",
              "warning",
              "not_checked"
            ]
          },
          "warning": {
            "type": "string",
            "minLength": 1,
            "description": "With `status` `warning` only, why this image does not look like a mammogram, as a sentence."
          },
          "checks": {
            "type": "array",
            "description": "The rule checks that ran, in order (none when `mode` is `off`).",
            "items": {
              "$ref": "#/components/schemas/InputCheckResult"
            }
          },
          "typicality": {
            "description": "The model's own typicality check: the distance of the image's features to the\nmammograms the check was fitted on, and the threshold above which an image is\nrefused. Null when `mode` is `off`, when the image was not classified, or when the\nmodel declares no such check (`GET /model` says so).\n",
            "oneOf": [
              {
                "$ref": "#/components/schemas/TypicalityResult"
              },
              {
                "type": "null"
              }
            ]
          }
        }
      },
      "InputCheckResult": {
        "type": "object",
        "required": [
          "check",
          "passed",
          "detail"
        ],
        "additionalProperties": false,
        "properties": {
          "check": {
            "type": "string",
            "enum": [
              "dicom_modality",
              "image_size",
              "grey_range",
              "colourfulness"
            ],
            "description": "`dicom_modality`: the DICOM Modality and SOP class (DICOM files only).\n`image_size`: the short side in pixels (at least 256) and the aspect ratio (at most 3).\n`grey_range`: grey levels from the 1st to the 99th percentile of the working image (at least 32).\n`colourfulness`: Hasler and Süsstrunk's colourfulness of the image (at most 12; grey is 0).\n"
          },
          "passed": {
            "type": "boolean"
          },
          "value": {
            "description": "What was measured (a number, or the DICOM Modality).",
            "oneOf": [
              {
                "type": "number"
              },
              {
                "type": "string"
              }
            ]
          },
          "limit": {
            "description": "The bound the value was held to (a number, or the modality expected).",
            "oneOf": [
              {
                "type": "number"
              },
              {
                "type": "string"
              }
            ]
          },
          "detail": {
            "type": "string",
            "minLength": 1,
            "description": "The finding as a sentence."
          }
        }
      },
      "TypicalityResult": {
        "type": "object",
        "required": [
          "score",
          "threshold",
          "passed"
        ],
        "additionalProperties": false,
        "properties": {
          "score": {
            "type": "number",
            "minimum": 0,
            "description": "The image's distance to the fitted mammograms; lower is more typical."
          },
          "threshold": {
            "type": "number",
            "minimum": 0,
            "description": "Images scoring above this are not taken for mammograms."
          },
          "passed": {
            "type": "boolean"
          }
        }
      },
      "ModelInputCheck": {
        "type": "object",
        "description": "How the server checks that an upload is a mammogram before it gives a verdict.",
        "required": [
          "mode",
          "checks",
          "typicality"
        ],
        "additionalProperties": false,
        "properties": {
          "mode": {
            "type": "string",
            "enum": [
              "refuse",
              "warn",
              "off"
            ],
            "description": "The server's `INPUT_CHECK` setting."
          },
          "checks": {
            "type": "array",
            "description": "The rule checks every image goes through, with their limits.",
            "items": {
              "type": "object",
              "required": [
                "check",
                "description"
              ],
              "additionalProperties": false,
              "properties": {
                "check": {
                  "type": "string",
                  "enum": [
                    "dicom_modality",
                    "image_size",
                    "grey_range",
                    "colourfulness"
                  ]
                },
                "description": {
                  "type": "string"
                }
              }
            }
          },
          "typicality": {
            "description": "The model's typicality check as its card declares it, or null when the model has none (then only the rule checks run).",
            "oneOf": [
              {
                "$ref": "#/components/schemas/ModelTypicality"
              },
              {
                "type": "null"
              }
            ]
          }
        }
      },
      "ModelTypicality": {
        "type": "object",
        "required": [
          "method",
          "threshold",
          "fitted_on",
          "evaluation"
        ],
        "additionalProperties": false,
        "properties": {
          "method": {
            "type": "string"
          },
          "threshold": {
            "type": "number",
            "minimum": 0
          },
          "fitted_on": {
            "type": "string"
          },
          "evaluation": {
            "type": "object",
            "description": "Refusal rates of the whole input check (rules and typicality), per source, with their counts.",
            "required": [
              "protocol",
              "mammograms",
              "non_mammograms"
            ],
            "additionalProperties": false,
            "properties": {
              "protocol": {
                "type": "string"
              },
              "mammograms": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/RefusalRate"
                }
              },
              "non_mammograms": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/RefusalRate"
                }
              }
            }
          }
        }
      },
      "RefusalRate": {
        "type": "object",
        "required": [
          "source",
          "images",
          "refused",
          "rate"
        ],
        "additionalProperties": false,
        "properties": {
          "source": {
            "type": "string"
          },
          "images": {
            "type": "integer",
            "minimum": 0
          },
          "refused": {
            "type": "integer",
            "minimum": 0
          },
          "rate": {
            "type": "number",
            "minimum": 0,
            "maximum": 1
          }
        }
      },
      "DicomInfo": {
        "type": "object",
        "description": "Present when the image was DICOM: what the file says about the image, never about the\npatient. No name, ID, birth date, accession number, institution or UID is ever read into\na response, a log line or an error.\n",
        "required": [
          "photometric_interpretation",
          "bits_stored",
          "transfer_syntax"
        ],
        "additionalProperties": false,
        "properties": {
          "modality": {
            "type": "string",
            "description": "Modality (0008,0060), e.g. MG."
          },
          "laterality": {
            "type": "string",
            "enum": [
              "L",
              "R"
            ],
            "description": "ImageLaterality (0020,0062), else Laterality (0020,0060)."
          },
          "view": {
            "type": "string",
            "description": "ViewPosition (0018,5101), e.g. CC or MLO."
          },
          "presentation_intent": {
            "type": "string",
            "description": "PresentationIntentType (0008,0068); FOR PROCESSING images are refused."
          },
          "photometric_interpretation": {
            "type": "string",
            "description": "MONOCHROME1 (inverted on reading), MONOCHROME2 or RGB."
          },
          "bits_stored": {
            "type": "integer",
            "minimum": 1,
            "maximum": 16
          },
          "transfer_syntax": {
            "type": "string",
            "description": "The name of the file's transfer syntax."
          }
        }
      },
      "Laterality": {
        "type": "string",
        "enum": [
          "L",
          "R"
        ],
        "description": "`L` left, `R` right."
      },
      "StudyImageSuccess": {
        "type": "object",
        "required": [
          "filename",
          "laterality",
          "laterality_source",
          "prediction",
          "confidence",
          "probabilities",
          "risk_assessment",
          "input_check"
        ],
        "additionalProperties": false,
        "properties": {
          "filename": {
            "type": "string"
          },
          "laterality": {
            "$ref": "#/components/schemas/Laterality"
          },
          "view": {
            "type": "string",
            "description": "The view (CC, MLO, ...), when the DICOM tags or the form say it."
          },
          "laterality_source": {
            "type": "string",
            "enum": [
              "dicom",
              "form"
            ],
            "description": "Where the laterality (and view) came from."
          },
          "prediction": {
            "$ref": "#/components/schemas/Label"
          },
          "confidence": {
            "type": "number",
            "minimum": 0,
            "maximum": 1
          },
          "probabilities": {
            "$ref": "#/components/schemas/Probabilities"
          },
          "risk_assessment": {
            "$ref": "#/components/schemas/RiskAssessment"
          },
          "input_check": {
            "$ref": "#/components/schemas/InputCheck"
          },
          "screening": {
            "$ref": "#/components/schemas/ScreeningResult"
          },
          "dicom": {
            "$ref": "#/components/schemas/DicomInfo"
          }
        }
      },
      "StudyResult": {
        "type": "object",
        "description": "A combination of images by the study's rule (see `rule`), with the result's own label and risk level.",
        "required": [
          "images",
          "prediction",
          "probabilities",
          "risk_assessment"
        ],
        "additionalProperties": false,
        "properties": {
          "images": {
            "type": "integer",
            "minimum": 1,
            "description": "How many classified images it combines."
          },
          "views": {
            "type": "array",
            "items": {
              "type": "string"
            },
            "description": "The views it combines, in upload order (a breast's only)."
          },
          "prediction": {
            "$ref": "#/components/schemas/Label"
          },
          "probabilities": {
            "$ref": "#/components/schemas/Probabilities"
          },
          "risk_assessment": {
            "$ref": "#/components/schemas/RiskAssessment"
          },
          "screening": {
            "description": "Present when the model's card has screening operating points. On the study: its\ncategory from the study-level points applied to its combined value, as a\n`ScreeningResult` with `operating_points: study`. On a breast: only its value at the\nserver's `SCREENING_PREVALENCE` (`BreastScreening`), when that is set; no category,\nas no breast-level operating points were measured.\n",
            "oneOf": [
              {
                "$ref": "#/components/schemas/ScreeningResult"
              },
              {
                "$ref": "#/components/schemas/BreastScreening"
              }
            ]
          }
        }
      },
      "StudyResponse": {
        "type": "object",
        "required": [
          "total_images",
          "successful",
          "failed",
          "results",
          "breasts",
          "study",
          "missing_views",
          "rule",
          "disclaimer"
        ],
        "additionalProperties": false,
        "properties": {
          "total_images": {
            "type": "integer",
            "minimum": 1,
            "maximum": 8
          },
          "successful": {
            "type": "integer",
            "minimum": 0
          },
          "failed": {
            "type": "integer",
            "minimum": 0
          },
          "results": {
            "type": "array",
            "maxItems": 8,
            "description": "One entry per uploaded file, in upload order; a file that cannot be read gets an error entry, as in `/batch-predict`.",
            "items": {
              "oneOf": [
                {
                  "$ref": "#/components/schemas/StudyImageSuccess"
                },
                {
                  "$ref": "#/components/schemas/BatchItemError"
                }
              ]
            }
          },
          "breasts": {
            "type": "object",
            "required": [
              "left",
              "right"
            ],
            "additionalProperties": false,
            "properties": {
              "left": {
                "description": "The left breast's result, or null when none of its images was classified.",
                "oneOf": [
                  {
                    "$ref": "#/components/schemas/StudyResult"
                  },
                  {
                    "type": "null"
                  }
                ]
              },
              "right": {
                "description": "The right breast's result, or null when none of its images was classified.",
                "oneOf": [
                  {
                    "$ref": "#/components/schemas/StudyResult"
                  },
                  {
                    "type": "null"
                  }
                ]
              }
            }
          },
          "study": {
            "description": "The study's result, or null when no image was classified.",
            "oneOf": [
              {
                "$ref": "#/components/schemas/StudyResult"
              },
              {
                "type": "null"
              }
            ]
          },
          "missing_views": {
            "type": "array",
            "items": {
              "type": "string",
              "enum": [
                "L-CC",
                "L-MLO",
                "R-CC",
                "R-MLO"
              ]
            },
            "description": "The four standard screening views (left and right, CC and MLO) that no classified image provides."
          },
          "rule": {
            "type": "string",
            "description": "How the images were combined, in words."
          },
          "disclaimer": {
            "$ref": "#/components/schemas/Disclaimer"
          }
        }
      },
      "PacsAnalysisResponse": {
        "type": "object",
        "required": [
          "study_instance_uid",
          "result",
          "already_stored",
          "stored",
          "model",
          "disclaimer"
        ],
        "additionalProperties": false,
        "properties": {
          "study_instance_uid": {
            "type": "string"
          },
          "result": {
            "$ref": "#/components/schemas/StudyResponse",
            "description": "The analysis, as `POST /predict-study` answers it; each image's `filename` is its SOP Instance UID."
          },
          "already_stored": {
            "type": "boolean",
            "description": "true when the study already held this model's results; nothing was stored again."
          },
          "stored": {
            "type": "object",
            "required": [
              "report",
              "overlays"
            ],
            "additionalProperties": false,
            "description": "The study's result set under this model (stored now, or before when `already_stored`).",
            "properties": {
              "report": {
                "$ref": "#/components/schemas/StoredInstance"
              },
              "overlays": {
                "type": "array",
                "maxItems": 8,
                "description": "One heatmap overlay per classified image, for a model with a score map.",
                "items": {
                  "allOf": [
                    {
                      "$ref": "#/components/schemas/StoredInstance"
                    },
                    {
                      "type": "object",
                      "required": [
                        "source_sop_instance_uid"
                      ],
                      "properties": {
                        "source_sop_instance_uid": {
                          "type": "string"
                        }
                      }
                    }
                  ]
                }
              }
            }
          },
          "model": {
            "type": "object",
            "required": [
              "name",
              "version",
              "sha256"
            ],
            "additionalProperties": false,
            "properties": {
              "name": {
                "type": "string"
              },
              "version": {
                "type": "string"
              },
              "sha256": {
                "type": "string",
                "pattern": "^[0-9a-f]{64}$"
              }
            }
          },
          "disclaimer": {
            "$ref": "#/components/schemas/Disclaimer"
          }
        }
      },
      "StoredInstance": {
        "type": "object",
        "required": [
          "series_instance_uid",
          "sop_instance_uid",
          "sop_class_uid"
        ],
        "properties": {
          "series_instance_uid": {
            "type": "string"
          },
          "sop_instance_uid": {
            "type": "string"
          },
          "sop_class_uid": {
            "type": "string"
          }
        }
      },
      "StudyAggregation": {
        "type": "string",
        "enum": [
          "max",
          "mean",
          "mean_logit",
          "min"
        ],
        "description": "How a group of values becomes one. `max`: the largest; `min`: the smallest; `mean`: the\narithmetic mean of the calibrated malignant probabilities; `mean_logit`: their mean on the\nlogit scale, sigmoid(mean(logit(p))), each p first held to [1e-6, 1 − 1e-6].\n"
      },
      "StudyRule": {
        "type": "object",
        "description": "How `POST /predict-study` combines a study's images. `breast` combines the images of one\nbreast (one laterality); `study` combines the breasts' combined values, not the images:\nwith `breast: min` and `study: max`, the study's value is max(min(left images), min(right\nimages)). A study with one breast has that breast's value. Without a rule in its manifest\na model is served with `max` and `max`.\n",
        "required": [
          "breast",
          "study"
        ],
        "additionalProperties": false,
        "properties": {
          "breast": {
            "$ref": "#/components/schemas/StudyAggregation"
          },
          "study": {
            "$ref": "#/components/schemas/StudyAggregation"
          },
          "chosen_by": {
            "type": "string",
            "minLength": 1,
            "description": "How the rule was chosen, as the model's author measured it."
          }
        }
      },
      "ScreeningCategory": {
        "type": "string",
        "enum": [
          "likely_normal",
          "elevated",
          "high"
        ],
        "description": "A category read from the model's screening operating points (`GET /model`,\n`screening.operating_points`), the image's for an image, the study's for a study, with p\nthe calibrated malignant probability (a study: its combined value): `likely_normal` when\np is below the threshold at specificity 0.90; `elevated` from that threshold up to, not\nincluding, the threshold at specificity 0.95; `high` from the latter. It does not depend\non prevalence: specificity is measured on the cancer-free alone. It is **not a BI-RADS\nassessment and not a diagnosis**, and `likely_normal` is no all-clear: it holds the\ncancers the threshold at specificity 0.90 misses, one minus its sensitivity, which for a\nmodel of modest accuracy is most of them (`GET /model`, `screening.categories`, gives\nthis model's shares).\n"
      },
      "ScreeningResult": {
        "type": "object",
        "description": "Present when the model's card has screening operating points. `category` comes from the\noperating points named by `operating_points`. `prevalence` and `malignant_probability`\nare there only when the server sets `SCREENING_PREVALENCE`: the calibrated malignant\nprobability re-calibrated from the prevalence of the model's calibration data\n(`GET /model`, `screening.base_prevalence`) to that prevalence by a prior-shift\ncorrection: odds' = odds(p) × (π / (1 − π)) / (π₀ / (1 − π₀)). The seed-compatible\nfields (`prediction`, `confidence`, `probabilities`, `risk_assessment`) keep their\nmeaning whatever the setting: the model's calibration and decision threshold. The\ncorrection is exact for an image's calibrated probability; a study's combined value is\ncorrected as if it were one, which it only approximates (the maximum across breasts\noverstates it), so read a study by its category.\n",
        "required": [
          "category",
          "operating_points"
        ],
        "additionalProperties": false,
        "dependentRequired": {
          "prevalence": [
            "malignant_probability"
          ],
          "malignant_probability": [
            "prevalence"
          ]
        },
        "properties": {
          "category": {
            "$ref": "#/components/schemas/ScreeningCategory"
          },
          "operating_points": {
            "type": "string",
            "enum": [
              "image",
              "study"
            ],
            "description": "Which operating points the category is read from."
          },
          "prevalence": {
            "type": "number",
            "exclusiveMinimum": 0,
            "exclusiveMaximum": 1,
            "description": "The server's `SCREENING_PREVALENCE`."
          },
          "malignant_probability": {
            "type": "number",
            "minimum": 0,
            "maximum": 1,
            "description": "The malignant probability at `prevalence`, six decimals."
          }
        }
      },
      "BreastScreening": {
        "type": "object",
        "description": "A breast's malignant probability at the server's `SCREENING_PREVALENCE`, the same\nprior-shift correction as an image's (`ScreeningResult`), applied to the breast's\ncombined value as if it were one image's calibrated probability (an approximation: a\nmean of calibrated probabilities is close to one, a maximum or minimum is not). No\ncategory: no operating points were measured for a breast, only for images and studies.\n",
        "required": [
          "prevalence",
          "malignant_probability"
        ],
        "additionalProperties": false,
        "properties": {
          "prevalence": {
            "type": "number",
            "exclusiveMinimum": 0,
            "exclusiveMaximum": 1,
            "description": "The server's `SCREENING_PREVALENCE`."
          },
          "malignant_probability": {
            "type": "number",
            "minimum": 0,
            "maximum": 1,
            "description": "The breast's combined value at `prevalence`, six decimals."
          }
        }
      },
      "Proportion": {
        "type": "object",
        "description": "A measured proportion and its 95% confidence interval.",
        "required": [
          "value",
          "ci95"
        ],
        "additionalProperties": false,
        "properties": {
          "value": {
            "type": "number",
            "minimum": 0,
            "maximum": 1
          },
          "ci95": {
            "type": "array",
            "items": {
              "type": "number",
              "minimum": 0,
              "maximum": 1
            },
            "minItems": 2,
            "maxItems": 2
          }
        }
      },
      "OperatingPoint": {
        "type": "object",
        "description": "A threshold on the calibrated malignant probability, chosen for a target specificity, and what it achieved.",
        "required": [
          "target_specificity",
          "threshold",
          "sensitivity",
          "specificity"
        ],
        "additionalProperties": false,
        "properties": {
          "target_specificity": {
            "type": "number",
            "enum": [
              0.8,
              0.9,
              0.95
            ]
          },
          "threshold": {
            "type": "number",
            "minimum": 0,
            "maximum": 1,
            "description": "A value at or above it is called positive at this point."
          },
          "sensitivity": {
            "$ref": "#/components/schemas/Proportion"
          },
          "specificity": {
            "$ref": "#/components/schemas/Proportion"
          }
        }
      },
      "OperatingPointList": {
        "type": "array",
        "description": "One operating point per target specificity, 0.8, 0.9 and 0.95 in that order, thresholds non-decreasing.",
        "minItems": 3,
        "maxItems": 3,
        "items": {
          "$ref": "#/components/schemas/OperatingPoint"
        }
      },
      "PredictiveValues": {
        "type": "object",
        "description": "An operating point's predictive values at a prevalence π, from its point estimates:\nPPV = sens·π / (sens·π + (1 − spec)·(1 − π)), NPV = spec·(1 − π) / (spec·(1 − π) + (1 − sens)·π).\n",
        "required": [
          "target_specificity",
          "ppv",
          "npv"
        ],
        "additionalProperties": false,
        "properties": {
          "target_specificity": {
            "type": "number",
            "enum": [
              0.8,
              0.9,
              0.95
            ]
          },
          "ppv": {
            "type": "number",
            "minimum": 0,
            "maximum": 1,
            "description": "Of the values called positive, the share with cancer (four decimals)."
          },
          "npv": {
            "type": "number",
            "minimum": 0,
            "maximum": 1,
            "description": "Of the values called negative, the share without cancer (four decimals)."
          }
        }
      },
      "ModelScreening": {
        "type": "object",
        "description": "The model's screening operating points, measured out of fold, and what the server reads\nfrom them: the category of each image and study (`categories`), and, when the server sets\n`SCREENING_PREVALENCE`, predictive values at that prevalence (`at_prevalence`). Image\npoints apply to one image's calibrated malignant probability; study points to a study's\ncombined value by the model's `study_rule`.\n",
        "required": [
          "base_prevalence",
          "evaluated_on",
          "operating_points",
          "categories"
        ],
        "additionalProperties": false,
        "properties": {
          "base_prevalence": {
            "type": "number",
            "exclusiveMinimum": 0,
            "exclusiveMaximum": 1,
            "description": "The cancer share of the data the calibration was fitted on; the calibrated probabilities hold at this prevalence."
          },
          "evaluated_on": {
            "type": "string",
            "minLength": 1,
            "description": "The data and protocol the operating points were measured with."
          },
          "operating_points": {
            "type": "object",
            "required": [
              "image",
              "study"
            ],
            "additionalProperties": false,
            "properties": {
              "image": {
                "$ref": "#/components/schemas/OperatingPointList"
              },
              "study": {
                "$ref": "#/components/schemas/OperatingPointList"
              }
            }
          },
          "categories": {
            "type": "string",
            "description": "The categories (`ScreeningCategory`), defined in words."
          },
          "at_prevalence": {
            "type": "object",
            "description": "Present when the server sets `SCREENING_PREVALENCE`.",
            "required": [
              "prevalence",
              "image",
              "study"
            ],
            "additionalProperties": false,
            "properties": {
              "prevalence": {
                "type": "number",
                "exclusiveMinimum": 0,
                "exclusiveMaximum": 1,
                "description": "The server's `SCREENING_PREVALENCE`."
              },
              "image": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/PredictiveValues"
                }
              },
              "study": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/PredictiveValues"
                }
              }
            }
          }
        }
      },
      "BatchItemSuccess": {
        "type": "object",
        "required": [
          "filename",
          "prediction",
          "confidence",
          "probabilities",
          "risk_assessment",
          "input_check"
        ],
        "additionalProperties": false,
        "properties": {
          "filename": {
            "type": "string"
          },
          "prediction": {
            "$ref": "#/components/schemas/Label"
          },
          "confidence": {
            "type": "number",
            "minimum": 0,
            "maximum": 1,
            "description": "Probability of the predicted class, 0-1, four decimals."
          },
          "probabilities": {
            "$ref": "#/components/schemas/Probabilities"
          },
          "risk_assessment": {
            "$ref": "#/components/schemas/RiskAssessment"
          },
          "input_check": {
            "$ref": "#/components/schemas/InputCheck"
          },
          "screening": {
            "$ref": "#/components/schemas/ScreeningResult"
          },
          "dicom": {
            "$ref": "#/components/schemas/DicomInfo"
          }
        }
      },
      "BatchItemError": {
        "type": "object",
        "required": [
          "filename",
          "error",
          "code"
        ],
        "additionalProperties": false,
        "properties": {
          "filename": {
            "type": "string"
          },
          "error": {
            "type": "string",
            "minLength": 1,
            "description": "Why this file could not be classified, as a sentence naming the file."
          },
          "code": {
            "$ref": "#/components/schemas/ErrorCode"
          }
        }
      },
      "BatchPredictionResponse": {
        "type": "object",
        "required": [
          "total_images",
          "successful",
          "failed",
          "summary",
          "results",
          "disclaimer"
        ],
        "additionalProperties": false,
        "properties": {
          "total_images": {
            "type": "integer",
            "minimum": 1,
            "maximum": 10
          },
          "successful": {
            "type": "integer",
            "minimum": 0
          },
          "failed": {
            "type": "integer",
            "minimum": 0
          },
          "summary": {
            "type": "object",
            "required": [
              "malignant",
              "benign"
            ],
            "additionalProperties": false,
            "properties": {
              "malignant": {
                "type": "integer",
                "minimum": 0
              },
              "benign": {
                "type": "integer",
                "minimum": 0
              }
            }
          },
          "results": {
            "type": "array",
            "maxItems": 10,
            "items": {
              "oneOf": [
                {
                  "$ref": "#/components/schemas/BatchItemSuccess"
                },
                {
                  "$ref": "#/components/schemas/BatchItemError"
                }
              ]
            }
          },
          "disclaimer": {
            "$ref": "#/components/schemas/Disclaimer"
          }
        }
      },
      "RiskLevelRule": {
        "type": "object",
        "description": "A risk level applies when `min` (inclusive if `min_inclusive`) < p < `max` (inclusive if `max_inclusive`), p the malignant probability.",
        "required": [
          "level",
          "icon",
          "color",
          "min",
          "min_inclusive",
          "max",
          "max_inclusive"
        ],
        "additionalProperties": false,
        "properties": {
          "level": {
            "$ref": "#/components/schemas/RiskLevelName"
          },
          "icon": {
            "type": "string"
          },
          "color": {
            "type": "string",
            "pattern": "^#[0-9a-f]{6}$"
          },
          "min": {
            "type": "number",
            "minimum": 0,
            "maximum": 1
          },
          "min_inclusive": {
            "type": "boolean"
          },
          "max": {
            "type": "number",
            "minimum": 0,
            "maximum": 1
          },
          "max_inclusive": {
            "type": "boolean"
          }
        }
      },
      "Metric": {
        "type": "object",
        "required": [
          "value"
        ],
        "properties": {
          "value": {
            "type": "number"
          },
          "ci95": {
            "type": "array",
            "items": {
              "type": "number"
            },
            "minItems": 2,
            "maxItems": 2
          }
        }
      },
      "ModelCard": {
        "type": "object",
        "required": [
          "name",
          "version",
          "sha256",
          "engine",
          "input",
          "labels",
          "decision_threshold",
          "risk_levels",
          "input_check",
          "method",
          "training_data",
          "evaluation",
          "intended_use",
          "limitations",
          "disclaimer"
        ],
        "additionalProperties": false,
        "properties": {
          "name": {
            "type": "string"
          },
          "version": {
            "type": "string"
          },
          "sha256": {
            "type": "string",
            "pattern": "^[0-9a-f]{64}$",
            "description": "SHA-256 of the weights file, computed by the server at load."
          },
          "engine": {
            "type": "string",
            "enum": [
              "onnx",
              "tfjs"
            ]
          },
          "input": {
            "type": "object",
            "required": [
              "width",
              "height",
              "channels",
              "layout",
              "color",
              "scaling",
              "preprocessing"
            ],
            "additionalProperties": false,
            "properties": {
              "width": {
                "type": "integer",
                "minimum": 1
              },
              "height": {
                "type": "integer",
                "minimum": 1
              },
              "channels": {
                "type": "integer",
                "enum": [
                  1,
                  3
                ]
              },
              "layout": {
                "type": "string",
                "enum": [
                  "NCHW",
                  "NHWC"
                ]
              },
              "color": {
                "type": "string",
                "enum": [
                  "RGB",
                  "GRAY"
                ]
              },
              "scaling": {
                "type": "string",
                "description": "How pixel values are scaled, e.g. \"[0,1]\"."
              },
              "preprocessing": {
                "type": "string",
                "enum": [
                  "stretch",
                  "mammogram"
                ],
                "description": "How an image becomes the input. `stretch`: the whole image resized to the input size, aspect not kept (the original API's way). `mammogram`: grey, light background inverted, chest wall mirrored to the left, cropped to the breast and centred on a black square (the input is square)."
              }
            }
          },
          "labels": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Label"
            }
          },
          "decision_threshold": {
            "type": "number",
            "minimum": 0,
            "maximum": 1,
            "description": "`prediction` is Malignant when the calibrated malignant probability is at least this."
          },
          "calibration": {
            "type": "object",
            "additionalProperties": true,
            "description": "How raw scores become probabilities (fitted out of fold)."
          },
          "risk_levels": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/RiskLevelRule"
            }
          },
          "input_check": {
            "$ref": "#/components/schemas/ModelInputCheck"
          },
          "method": {
            "type": "string"
          },
          "training_data": {
            "type": "object",
            "required": [
              "name",
              "licence",
              "citation"
            ],
            "additionalProperties": true,
            "properties": {
              "name": {
                "type": "string"
              },
              "licence": {
                "type": "string"
              },
              "citation": {
                "type": "string"
              }
            }
          },
          "evaluation": {
            "type": "object",
            "additionalProperties": true,
            "required": [
              "protocol",
              "roc_auc"
            ],
            "properties": {
              "protocol": {
                "type": "string"
              },
              "roc_auc": {
                "$ref": "#/components/schemas/Metric"
              }
            }
          },
          "intended_use": {
            "type": "string"
          },
          "limitations": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "disclaimer": {
            "type": "string"
          },
          "created": {
            "type": "string"
          },
          "study_rule": {
            "$ref": "#/components/schemas/StudyRule"
          },
          "screening": {
            "$ref": "#/components/schemas/ModelScreening"
          },
          "score_map": {
            "type": "object",
            "description": "Present when the model gives, in the same forward pass as its score, a grid of raw logits (before calibration) over its input, e.g. a class-activation map.",
            "required": [
              "name",
              "kind",
              "width",
              "height"
            ],
            "additionalProperties": false,
            "properties": {
              "name": {
                "type": "string",
                "description": "The model's output that holds the grid."
              },
              "kind": {
                "type": "string",
                "enum": [
                  "logit_grid"
                ],
                "description": "`logit_grid`: one logit per cell, on the scale of the image's raw score."
              },
              "width": {
                "type": "integer",
                "minimum": 1,
                "description": "Cells across, measured when the model was loaded."
              },
              "height": {
                "type": "integer",
                "minimum": 1,
                "description": "Cells down, measured when the model was loaded."
              }
            }
          }
        }
      }
    }
  }
} as const;

/** The OpenAPI document exactly as written in openapi.yaml. */
export const openapiYaml: string = "openapi: 3.1.0\ninfo:\n  title: Breast Cancer Detection API\n  version: 1.0.0\n  summary: Mammogram classification (Benign / Malignant) for education and research only.\n  description: |\n    Self-hosted REST API that classifies a mammogram as **Benign** or **Malignant** with the\n    model it serves (see `GET /model` for its card, its training data and its measured,\n    modest accuracy).\n\n    **⚠️ For educational and research purposes only. Not for medical diagnosis.** It is\n    not approved for clinical use and must never inform a medical decision.\n\n    **See it:** [`/demo`](./demo) is a page where you can drop mammograms and see each\n    prediction with its heatmap; `POST /explain` returns the heatmap to programs.\n\n    Wire-compatible with the original FastAPI service: same paths, field names, response\n    fields and error format (`{\"detail\": \"...\"}`). Errors also carry a stable `code`.\n\n    Images are recognised from their bytes (JPEG, PNG 8/16-bit grey or colour, WebP,\n    TIFF, DICOM), never from the file name or the client's content type. EXIF orientation is\n    applied. DICOM (Part 10, with or without its preamble; one frame) is read in Implicit or\n    Explicit VR Little Endian, Deflated, JPEG Baseline, JPEG Lossless (Process 14 and SV1),\n    JPEG-LS, JPEG 2000 or RLE; its stored values go through the Modality LUT (rescale), the\n    VOI LUT (the first window, LINEAR, LINEAR_EXACT or SIGMOID, or a VOI LUT sequence; else the\n    full range of the values) and MONOCHROME1 inversion into 8-bit grey, then through the\n    same preprocessing as any image. FOR PROCESSING images (raw detector data) are refused:\n    send the FOR PRESENTATION image. Nothing that identifies a patient is read into a\n    response, a log or an error. Each image is converted to RGB and resized to the model's input size\n    (224x224 for the seed; the default model's card says its own) with values in [0, 1].\n    A model whose card says `input.preprocessing: mammogram` gets a normalised view\n    instead: the image in grey, at most 1024 px on its long side (the working image),\n    with a light background inverted, mirrored so that the chest wall is on the left,\n    cropped to the breast and placed on a black square of the input size.\n\n    **Only mammograms are read.** Before any verdict the server checks that the upload is a\n    mammogram this model reads (the input check). A DICOM file must say Modality `MG` or a\n    mammography SOP class; another modality (CT, MR, NM, US, PT, chest CR/DX, a secondary\n    capture of something else...) is refused with 422 `NOT_A_MAMMOGRAM`, naming the file and\n    what it is. A CR, DX, OT or SC file whose Body Part Examined is `BREAST`, and a DICOM file\n    with no Modality, go on to the image checks, which every image passes through: at least\n    256 px on its short side and at most 3:1, a grey-level spread (1st to 99th percentile of\n    the working image) of at least 32 levels, a colourfulness (Hasler and Süsstrunk) of at\n    most 12, and, where the model's card declares one (`GET /model`, `input_check`), the\n    model's own typicality check: a Mahalanobis distance of the image's pooled features, from\n    the same forward pass as the verdict, to the mammograms the check was fitted on, with a\n    threshold chosen so that about 1 % of real mammograms fail it. What was checked comes\n    back in every successful answer as `input_check`. The server setting `INPUT_CHECK` is\n    `refuse` (the default), `warn` (the verdict is given with `input_check.status: warning`\n    and a sentence saying why it should not be trusted, for researchers with unusual but real\n    mammograms) or `off`.\n\n    `image_statistics` are computed over the greyscale intensities (0-255 scale, ITU-R\n    BT.601 luma) of that resized image, or, for a model with `mammogram` preprocessing,\n    over the grey working image (long side at most 1024 px, original polarity, before\n    cropping): `mean_intensity` and `std_intensity` (population standard deviation),\n    `brightness = mean_intensity / 255 * 100` and `contrast = std_intensity / 255 * 100`,\n    each rounded to two decimals.\n\n    Risk levels are read from the calibrated malignant probability `p` (before\n    rounding). Their boundaries are part of the model card (`GET /model`,\n    `risk_levels`); the default table, the seed's, is:\n\n    | malignant probability p | level | icon | color |\n    |---|---|---|---|\n    | p ≥ 0.90 | Very High Risk | 🔴 | #ff0000 |\n    | 0.75 ≤ p < 0.90 | High Risk | 🟠 | #ff8000 |\n    | 0.60 ≤ p < 0.75 | Moderate-High Risk | 🟡 | #ffcc00 |\n    | 0.40 < p < 0.60 | Moderate Risk | 🟡 | #ffe066 |\n    | 0.25 < p ≤ 0.40 | Low-Moderate Risk | 🟢 | #99cc33 |\n    | 0.10 < p ≤ 0.25 (75-90% benign) | Low Risk | 🟢 | #33cc33 |\n    | p ≤ 0.10 (≥ 90% benign) | Very Low Risk | 🟢 | #00aa00 |\n\n    The seed's README leaves 25-40% malignant unspecified (\"Low-Moderate Risk\" here) and\n    its example shows 92% benign as \"Low Risk\", which contradicts its own table; this API\n    follows the table.\n\n    **Screening categories** (only for a model whose card has screening operating points,\n    `GET /model`, `screening`): each image result, and a study's combined result, carries\n    `screening.category`: `likely_normal`, `elevated` or `high`, read from the thresholds at\n    specificity 0.90 and 0.95 measured out of fold. It is not a BI-RADS assessment and not a\n    diagnosis, and `likely_normal` can still hold most of the cancers (one minus the sensitivity\n    at specificity 0.90 of them).\n    The model's probabilities are calibrated at the cancer prevalence of the data its calibration\n    was fitted on (`screening.base_prevalence`), which can be far above a screening\n    population's (0.5-1 %). The server setting\n    `SCREENING_PREVALENCE` (a number in (0, 1), e.g. `0.007`) adds to each `screening` the\n    probability re-calibrated to that prevalence by a prior-shift correction, and to the card\n    the operating points' predictive values at it. It never changes the seed-compatible fields\n    (`prediction`, `confidence`, `probabilities`, `risk_assessment`): they keep the model's\n    calibration and decision threshold. Set with a model that has no screening operating\n    points, it keeps that model from loading (`/health/ready` says why).\n  license:\n    name: MIT\n    identifier: MIT\nservers:\n  - url: /\n    description: This server (the default port is 7860)\ntags:\n  - name: Prediction\n  - name: PACS\n  - name: Service\npaths:\n  /health:\n    get:\n      tags: [Service]\n      operationId: getHealth\n      summary: Service and model status\n      description: Reports `healthy` (200) only when the model is loaded and answers; otherwise 503 with the reason in `model_status`.\n      responses:\n        \"200\":\n          description: The service is up and the model is loaded.\n          headers:\n            X-Request-Id:\n              $ref: \"#/components/headers/X-Request-Id\"\n          content:\n            application/json:\n              schema:\n                $ref: \"#/components/schemas/HealthResponse\"\n              example:\n                status: healthy\n                service: Breast Cancer Detection API\n                version: 1.0.0\n                model_status: loaded\n        \"503\":\n          description: The model is not loaded (still loading, missing or broken); predictions would fail.\n          headers:\n            X-Request-Id:\n              $ref: \"#/components/headers/X-Request-Id\"\n          content:\n            application/json:\n              schema:\n                $ref: \"#/components/schemas/HealthResponse\"\n              example:\n                status: unhealthy\n                service: Breast Cancer Detection API\n                version: 1.0.0\n                model_status: error\n        \"405\":\n          $ref: \"#/components/responses/MethodNotAllowed\"\n  /health/live:\n    get:\n      tags: [Service]\n      operationId: getLiveness\n      summary: Liveness probe (the process is up)\n      description: 200 whenever the process can answer, model or not. For orchestrators' liveness checks.\n      responses:\n        \"200\":\n          description: The process is up.\n          headers:\n            X-Request-Id:\n              $ref: \"#/components/headers/X-Request-Id\"\n          content:\n            application/json:\n              schema:\n                $ref: \"#/components/schemas/ProbeResponse\"\n              example:\n                status: ok\n        \"405\":\n          $ref: \"#/components/responses/MethodNotAllowed\"\n  /health/ready:\n    get:\n      tags: [Service]\n      operationId: getReadiness\n      summary: Readiness probe (model loaded and warmed up, not shutting down)\n      description: 200 when predictions can be served; 503 while the model loads, when it failed to load, or once shutdown has begun.\n      responses:\n        \"200\":\n          description: Ready for traffic.\n          headers:\n            X-Request-Id:\n              $ref: \"#/components/headers/X-Request-Id\"\n          content:\n            application/json:\n              schema:\n                $ref: \"#/components/schemas/ProbeResponse\"\n              example:\n                status: ready\n        \"503\":\n          description: Not ready; `detail` says why.\n          headers:\n            X-Request-Id:\n              $ref: \"#/components/headers/X-Request-Id\"\n            Retry-After:\n              $ref: \"#/components/headers/Retry-After\"\n          content:\n            application/json:\n              schema:\n                $ref: \"#/components/schemas/ProbeResponse\"\n              example:\n                status: not_ready\n                detail: the model is still loading.\n        \"405\":\n          $ref: \"#/components/responses/MethodNotAllowed\"\n  /predict:\n    post:\n      tags: [Prediction]\n      operationId: predict\n      summary: Classify one mammogram\n      description: |\n        Upload one image in the multipart field `file`. ⚠️ For educational purposes only,\n        not for medical diagnosis.\n      requestBody:\n        required: true\n        content:\n          multipart/form-data:\n            schema:\n              type: object\n              required: [file]\n              properties:\n                file:\n                  type: string\n                  format: binary\n                  contentMediaType: application/octet-stream\n                  description: The image (JPEG, PNG, WebP, TIFF or DICOM).\n            encoding:\n              file:\n                contentType: image/png, image/jpeg, image/webp, image/tiff, application/dicom, application/octet-stream\n      security: [{}, {bearerAuth: []}, {apiKeyHeader: []}]\n      responses:\n        \"200\":\n          description: The model's prediction for the image.\n          headers:\n            X-Request-Id:\n              $ref: \"#/components/headers/X-Request-Id\"\n          content:\n            application/json:\n              schema:\n                $ref: \"#/components/schemas/PredictionResponse\"\n              example:\n                prediction: Benign\n                confidence: 0.9234\n                probabilities:\n                  benign: 92.34\n                  malignant: 7.66\n                risk_assessment:\n                  level: Very Low Risk\n                  icon: 🟢\n                  color: \"#00aa00\"\n                image_statistics:\n                  brightness: 45.2\n                  contrast: 18.5\n                  mean_intensity: 115.3\n                  std_intensity: 47.2\n                image_info:\n                  filename: mammogram.jpg\n                  size: 1024x768\n                  format: JPEG\n                input_check:\n                  mode: refuse\n                  status: passed\n                  checks:\n                    - check: image_size\n                      passed: true\n                      value: 768\n                      limit: 256\n                      detail: \"The image is 1024x768 px: large enough, and not too elongated, for a mammogram.\"\n                    - check: grey_range\n                      passed: true\n                      value: 201\n                      limit: 32\n                      detail: \"Its grey levels span 201 levels (1st to 99th percentile).\"\n                    - check: colourfulness\n                      passed: true\n                      value: 0.4\n                      limit: 12\n                      detail: \"It is grey (colourfulness 0.4).\"\n                  typicality:\n                    score: 18.5857\n                    threshold: 38.9303\n                    passed: true\n                disclaimer: ⚠️ For educational purposes only. Not for medical diagnosis.\n        \"400\":\n          $ref: \"#/components/responses/BadRequest\"\n        \"401\":\n          $ref: \"#/components/responses/Unauthorized\"\n        \"405\":\n          $ref: \"#/components/responses/MethodNotAllowed\"\n        \"413\":\n          $ref: \"#/components/responses/PayloadTooLarge\"\n        \"415\":\n          $ref: \"#/components/responses/UnsupportedMediaType\"\n        \"422\":\n          $ref: \"#/components/responses/NotAMammogram\"\n        \"500\":\n          $ref: \"#/components/responses/InternalError\"\n        \"503\":\n          $ref: \"#/components/responses/ServiceUnavailable\"\n  /batch-predict:\n    post:\n      tags: [Prediction]\n      operationId: batchPredict\n      summary: Classify up to 10 mammograms\n      description: |\n        Upload 1 to 10 images, each in a multipart field named `files`. Results come back\n        in upload order. A file that cannot be read, or that is not a mammogram (`code`\n        `NOT_A_MAMMOGRAM`, see `POST /predict`), does not fail the batch: its entry carries\n        `filename`, an `error` sentence and the `code` while the others succeed. The valid\n        images go through the model in passes of the server's configured size, with the\n        same results as one pass. ⚠️ For educational purposes only, not for medical\n        diagnosis.\n      requestBody:\n        required: true\n        content:\n          multipart/form-data:\n            schema:\n              type: object\n              required: [files]\n              properties:\n                files:\n                  type: array\n                  minItems: 1\n                  maxItems: 10\n                  items:\n                    type: string\n                    format: binary\n                    contentMediaType: application/octet-stream\n      security: [{}, {bearerAuth: []}, {apiKeyHeader: []}]\n      responses:\n        \"200\":\n          description: One entry per uploaded file, in upload order.\n          headers:\n            X-Request-Id:\n              $ref: \"#/components/headers/X-Request-Id\"\n          content:\n            application/json:\n              schema:\n                $ref: \"#/components/schemas/BatchPredictionResponse\"\n              example:\n                total_images: 4\n                successful: 2\n                failed: 2\n                summary:\n                  malignant: 1\n                  benign: 1\n                results:\n                  - filename: image1.jpg\n                    prediction: Benign\n                    confidence: 0.89\n                    probabilities:\n                      benign: 89.0\n                      malignant: 11.0\n                    risk_assessment:\n                      level: Low Risk\n                      icon: 🟢\n                      color: \"#33cc33\"\n                    input_check:\n                      mode: refuse\n                      status: passed\n                      checks:\n                        - {check: image_size, passed: true, value: 640, limit: 256, detail: \"The image is 640x640 px.\"}\n                        - {check: grey_range, passed: true, value: 214, limit: 32, detail: \"Its grey levels span 214 levels (1st to 99th percentile).\"}\n                        - {check: colourfulness, passed: true, value: 0.3, limit: 12, detail: \"It is grey (colourfulness 0.3).\"}\n                      typicality: {score: 16.1, threshold: 38.9303, passed: true}\n                  - filename: image2.jpg\n                    prediction: Malignant\n                    confidence: 0.76\n                    probabilities:\n                      benign: 24.0\n                      malignant: 76.0\n                    risk_assessment:\n                      level: High Risk\n                      icon: 🟠\n                      color: \"#ff8000\"\n                    input_check:\n                      mode: refuse\n                      status: passed\n                      checks:\n                        - {check: image_size, passed: true, value: 640, limit: 256, detail: \"The image is 640x640 px.\"}\n                        - {check: grey_range, passed: true, value: 214, limit: 32, detail: \"Its grey levels span 214 levels (1st to 99th percentile).\"}\n                        - {check: colourfulness, passed: true, value: 0.3, limit: 12, detail: \"It is grey (colourfulness 0.3).\"}\n                      typicality: {score: 16.1, threshold: 38.9303, passed: true}\n                  - filename: notes.pdf\n                    error: \"notes.pdf: unsupported image format (pdf); send JPEG, PNG, WebP or TIFF.\"\n                    code: UNSUPPORTED_IMAGE\n                  - filename: cat.jpg\n                    error: \"cat.jpg: not a mammogram. The image is in colour (colourfulness 48.2; a mammogram is grey, at most 12).\"\n                    code: NOT_A_MAMMOGRAM\n                disclaimer: ⚠️ For educational purposes only. Not for medical diagnosis.\n        \"400\":\n          $ref: \"#/components/responses/BadRequest\"\n        \"401\":\n          $ref: \"#/components/responses/Unauthorized\"\n        \"405\":\n          $ref: \"#/components/responses/MethodNotAllowed\"\n        \"413\":\n          $ref: \"#/components/responses/PayloadTooLarge\"\n        \"415\":\n          $ref: \"#/components/responses/UnsupportedMediaType\"\n        \"500\":\n          $ref: \"#/components/responses/InternalError\"\n        \"503\":\n          $ref: \"#/components/responses/ServiceUnavailable\"\n  /predict-study:\n    post:\n      tags: [Prediction]\n      operationId: predictStudy\n      summary: Classify the images of one examination and combine them per breast\n      description: |\n        Upload 1 to 8 images of one examination, each in a multipart field `files`. Each\n        image's laterality and view come from its DICOM tags (ImageLaterality or Laterality,\n        ViewPosition) or, for PNG, JPEG, WebP and TIFF, from the text fields `laterality` (`L`\n        or `R`) and `view` (e.g. `CC`, `MLO`): either field, when sent, is sent once per file in\n        upload order, empty for a file whose tags say it. A form value that contradicts a DICOM\n        tag is refused, as is an image whose laterality nothing gives (400\n        `LATERALITY_UNKNOWN`, naming the file).\n\n        The answer holds a result per image (as `/batch-predict`: a file that cannot be read\n        gets an error entry), a result per breast and one for the study. **The rule** is the\n        model's (`GET /model`, `study_rule`): a breast's malignant probability combines the\n        calibrated malignant probabilities of its images by `study_rule.breast`, and the study's\n        combines its breasts' values (not the images) by `study_rule.study`, each one of `max`\n        (the largest), `min` (the smallest), `mean` (the arithmetic mean) or `mean_logit`\n        (sigmoid of the mean logit, each p first held to [1e-6, 1 − 1e-6]). With `breast: min`\n        and `study: max`, the study's value is max(min(left images), min(right images)); a study\n        with one breast has that breast's value. A model whose manifest states no rule is served\n        with `max` and `max`: one suspicious view is enough. The answer's `rule` says the rule in\n        force in words. Each combined value gets its label from the model's decision threshold\n        and its risk level from the model's table, read as if it were one image's probability.\n        This is an aggregation of a model that scores single images, not a model trained on\n        studies. Missing standard views (L-CC, L-MLO, R-CC, R-MLO) are allowed and listed.\n\n        With a model that has screening operating points, each image and the study carry a\n        `screening` category, and each breast too its value at `SCREENING_PREVALENCE` when the\n        server sets it (see `ScreeningResult`, `BreastScreening`).\n\n        ⚠️ For educational purposes only, not for medical diagnosis.\n      requestBody:\n        required: true\n        content:\n          multipart/form-data:\n            schema:\n              type: object\n              required: [files]\n              properties:\n                files:\n                  type: array\n                  minItems: 1\n                  maxItems: 8\n                  items:\n                    type: string\n                    format: binary\n                    contentMediaType: application/octet-stream\n                laterality:\n                  type: array\n                  description: One per file, in upload order; `L`, `R`, or empty to take the DICOM tag.\n                  items:\n                    type: string\n                    enum: [L, R, \"\"]\n                view:\n                  type: array\n                  description: One per file, in upload order; the view (e.g. `CC`, `MLO`), or empty to take the DICOM tag.\n                  items:\n                    type: string\n                    pattern: \"^([A-Za-z]{1,16})?$\"\n      security: [{}, {bearerAuth: []}, {apiKeyHeader: []}]\n      responses:\n        \"200\":\n          description: A result per image, per breast and for the study.\n          headers:\n            X-Request-Id:\n              $ref: \"#/components/headers/X-Request-Id\"\n          content:\n            application/json:\n              schema:\n                $ref: \"#/components/schemas/StudyResponse\"\n        \"400\":\n          $ref: \"#/components/responses/BadRequest\"\n        \"401\":\n          $ref: \"#/components/responses/Unauthorized\"\n        \"405\":\n          $ref: \"#/components/responses/MethodNotAllowed\"\n        \"413\":\n          $ref: \"#/components/responses/PayloadTooLarge\"\n        \"415\":\n          $ref: \"#/components/responses/UnsupportedMediaType\"\n        \"500\":\n          $ref: \"#/components/responses/InternalError\"\n        \"503\":\n          $ref: \"#/components/responses/ServiceUnavailable\"\n  /explain:\n    post:\n      tags: [Prediction]\n      operationId: explain\n      summary: Classify one mammogram and show where the model looked\n      description: |\n        Everything `POST /predict` returns for the image in the multipart field `file`, plus\n        `heatmap`: the model's score map for the image, from the same forward pass as the\n        prediction (no second inference). Each cell is the calibrated malignant probability\n        of that region, read on the scale of the image's score (the model card's\n        `calibration` applied to the cell's logit). The default model's image logit pools its\n        cells' logits (log-mean-exp, between their mean and their maximum), so a region with a\n        high value pushed the image's score up. A heatmap shows what drove this model's score. It is not a lesion detector, and\n        a model this weak (see `GET /model`) often looks at the wrong place.\n\n        With `Accept: image/png` the answer is instead a PNG of the image (at its own aspect\n        ratio, 1024 px on the long side, EXIF orientation applied) with the heatmap\n        laid over it, a colour scale, the prediction and the disclaimer drawn in; the\n        prediction is also in the `X-Prediction`, `X-Malignant-Probability` and\n        `X-Risk-Level` headers. Errors are JSON whatever `Accept` says.\n\n        Only a model whose manifest declares a score-map output (`score_map` in\n        `GET /model`) can explain; with any other model this answers 422\n        `EXPLANATION_UNAVAILABLE` before reading the upload. There is no model-agnostic\n        fallback (such as occlusion, which would cost one inference per occluded region).\n\n        ⚠️ For educational purposes only, not for medical diagnosis.\n      parameters:\n        - name: opacity\n          in: query\n          required: false\n          description: \"With `Accept: image/png`, the heatmap's opacity over the image, 0 (the image alone) to 1. Ignored for JSON.\"\n          schema:\n            type: number\n            minimum: 0\n            maximum: 1\n            default: 0.45\n      requestBody:\n        required: true\n        content:\n          multipart/form-data:\n            schema:\n              type: object\n              required: [file]\n              properties:\n                file:\n                  type: string\n                  format: binary\n                  contentMediaType: application/octet-stream\n                  description: The image (JPEG, PNG, WebP, TIFF or DICOM).\n            encoding:\n              file:\n                contentType: image/png, image/jpeg, image/webp, image/tiff, application/dicom, application/octet-stream\n      security: [{}, {bearerAuth: []}, {apiKeyHeader: []}]\n      responses:\n        \"200\":\n          description: The prediction with its heatmap (JSON), or the overlay (PNG), as `Accept` asks; JSON when `Accept` is absent or `*/*`.\n          headers:\n            X-Request-Id:\n              $ref: \"#/components/headers/X-Request-Id\"\n            X-Prediction:\n              description: With `image/png` only, the predicted label.\n              schema:\n                $ref: \"#/components/schemas/Label\"\n            X-Malignant-Probability:\n              description: With `image/png` only, the malignant probability in percent (as `probabilities.malignant`).\n              schema:\n                type: string\n                pattern: \"^[0-9]{1,3}(\\\\.[0-9]{1,2})?$\"\n            X-Risk-Level:\n              description: With `image/png` only, the risk level's name.\n              schema:\n                $ref: \"#/components/schemas/RiskLevelName\"\n            X-Input-Check:\n              description: \"With `image/png` only, `input_check.status`: `passed`, `warning` (the overlay then says first that the image is not taken for a mammogram) or `not_checked`.\"\n              schema:\n                type: string\n                enum: [passed, warning, not_checked]\n          content:\n            application/json:\n              schema:\n                $ref: \"#/components/schemas/ExplainResponse\"\n            image/png:\n              schema:\n                type: string\n                format: binary\n                contentMediaType: image/png\n        \"400\":\n          $ref: \"#/components/responses/BadRequest\"\n        \"401\":\n          $ref: \"#/components/responses/Unauthorized\"\n        \"405\":\n          $ref: \"#/components/responses/MethodNotAllowed\"\n        \"406\":\n          description: \"`Accept` names neither `application/json` nor `image/png`.\"\n          headers:\n            X-Request-Id:\n              $ref: \"#/components/headers/X-Request-Id\"\n          content:\n            application/json:\n              schema:\n                $ref: \"#/components/schemas/ErrorResponse\"\n              example:\n                detail: \"This endpoint answers application/json or image/png; the request accepts neither (Accept: text/csv).\"\n                code: NOT_ACCEPTABLE\n        \"413\":\n          $ref: \"#/components/responses/PayloadTooLarge\"\n        \"415\":\n          $ref: \"#/components/responses/UnsupportedMediaType\"\n        \"422\":\n          description: |\n            `EXPLANATION_UNAVAILABLE`: the served model has no score-map output, so it cannot\n            explain; `detail` names the model, and the upload is not read.\n            `NOT_A_MAMMOGRAM`: the upload is not a mammogram this model reads (see\n            `POST /predict`); no heatmap is drawn for it.\n          headers:\n            X-Request-Id:\n              $ref: \"#/components/headers/X-Request-Id\"\n          content:\n            application/json:\n              schema:\n                $ref: \"#/components/schemas/ErrorResponse\"\n              examples:\n                explanationUnavailable:\n                  value:\n                    detail: \"The served model (tiny-test-model 1.0.0) has no score-map output, so it cannot explain its predictions: serve a model whose manifest declares output.score_map, such as the default model.\"\n                    code: EXPLANATION_UNAVAILABLE\n                notAMammogram:\n                  value:\n                    detail: \"cat.jpg: not a mammogram. The image is in colour (colourfulness 48.2; a mammogram is grey, at most 12).\"\n                    code: NOT_A_MAMMOGRAM\n        \"500\":\n          $ref: \"#/components/responses/InternalError\"\n        \"503\":\n          $ref: \"#/components/responses/ServiceUnavailable\"\n  /studies/{StudyInstanceUID}/analyze:\n    post:\n      tags: [PACS]\n      operationId: analyzePacsStudy\n      summary: Analyse a study in the PACS and store the results back into it as DICOM\n      description: |\n        For a server set up with a DICOMweb PACS (`DICOMWEB_URL`, e.g.\n        `http://127.0.0.1:8042/dicom-web` for Orthanc): finds the study's MG instances (QIDO-RS),\n        retrieves them as stored (WADO-RS), analyses them as `POST /predict-study` does (each\n        image's laterality and view from its DICOM tags; at most 8 images), and stores the results\n        back into the same study (STOW-RS), as two new series:\n\n        - a **Comprehensive SR** (TID 1500 Imaging Measurement Report; SOP class 88.33, or 88.34\n          under `DICOM_SR_CLASS=comprehensive-3d`) holding, per image, per breast and for the\n          exam, the calibrated probability as (111047, DCM, \"Probability of cancer\") in `%`, each\n          image's heatmap peak cell as a region (SCOORD) on its source image, the rule, the\n          algorithm's identity (model name, version, SHA-256 of its weights; also in the Contributing\n          Equipment Sequence, as the IHE AI Results profile asks) and the disclaimer;\n        - for a model with a score map, each image's **heatmap overlay** as a Secondary Capture\n          that references its source image.\n\n        A result copies from its study only what a PACS needs to file it there (the patient's\n        name, ID, birth date and sex, and the study's UID, date, time, ID, accession number and\n        referring physician, as they are); nothing about the patient is logged or counted.\n\n        **Stored once.** The results' UIDs are derived from the study's UID and the model's\n        SHA-256, and the report is stored last: when the study already holds this model's\n        report, the analysis is answered again and nothing is stored (`already_stored: true`);\n        a store cut short is completed by the next call, never doubled. The server's watch mode\n        (`PACS_WATCH=on`) does the same, unattended, for each new stable mammography study.\n\n        Errors: 404 `STUDY_NOT_FOUND` (the PACS has no such study) or `PACS_NOT_CONFIGURED`\n        (this server has no `DICOMWEB_URL`: it has no PACS to find the study in); 422\n        `STUDY_NOT_ANALYSABLE` (no MG image, more than 8, one above `MAX_FILE_BYTES`, an image\n        without laterality, or none that passes the input check: `detail` says which); 503 as\n        for an upload (the images are held under the same memory budget, `MAX_BUFFERED_BYTES`); 502 `PACS_UNAVAILABLE` (the PACS could\n        not be reached, answered with an error or refused to store) and 504 `PACS_TIMEOUT`, both\n        worth a retry.\n\n        ⚠️ For educational purposes only, not for medical diagnosis.\n      parameters:\n        - name: StudyInstanceUID\n          in: path\n          required: true\n          description: The study's Study Instance UID (digits and dots, at most 64 characters).\n          schema:\n            type: string\n            pattern: \"^[0-9]+(\\\\.[0-9]+)*$\"\n            maxLength: 64\n      security: [{}, {bearerAuth: []}, {apiKeyHeader: []}]\n      responses:\n        \"200\":\n          description: The study's analysis and the UIDs of its results in the PACS.\n          headers:\n            X-Request-Id:\n              $ref: \"#/components/headers/X-Request-Id\"\n          content:\n            application/json:\n              schema:\n                $ref: \"#/components/schemas/PacsAnalysisResponse\"\n        \"400\":\n          $ref: \"#/components/responses/BadRequest\"\n        \"401\":\n          $ref: \"#/components/responses/Unauthorized\"\n        \"404\":\n          $ref: \"#/components/responses/PacsError\"\n        \"405\":\n          $ref: \"#/components/responses/MethodNotAllowed\"\n        \"422\":\n          $ref: \"#/components/responses/PacsError\"\n        \"500\":\n          $ref: \"#/components/responses/InternalError\"\n        \"502\":\n          $ref: \"#/components/responses/PacsError\"\n        \"503\":\n          $ref: \"#/components/responses/ServiceUnavailable\"\n        \"504\":\n          $ref: \"#/components/responses/PacsError\"\n  /model:\n    get:\n      tags: [Service]\n      operationId: getModel\n      summary: The served model's card\n      description: |\n        Name, version, artifact SHA-256, input, labels, training data, evaluation figures, risk\n        thresholds, intended use, limitations and disclaimer; the rule `POST /predict-study`\n        combines images by (`study_rule`); and, for a model that has them, its screening operating\n        points with the categories read from them and, when the server sets\n        `SCREENING_PREVALENCE`, their predictive values at that prevalence (`screening`).\n      security: [{}, {bearerAuth: []}, {apiKeyHeader: []}]\n      responses:\n        \"200\":\n          description: The model card.\n          headers:\n            X-Request-Id:\n              $ref: \"#/components/headers/X-Request-Id\"\n          content:\n            application/json:\n              schema:\n                $ref: \"#/components/schemas/ModelCard\"\n        \"401\":\n          $ref: \"#/components/responses/Unauthorized\"\n        \"405\":\n          $ref: \"#/components/responses/MethodNotAllowed\"\n        \"503\":\n          $ref: \"#/components/responses/ModelUnavailable\"\n  /metrics:\n    get:\n      tags: [Service]\n      operationId: getMetrics\n      summary: Prometheus metrics\n      description: |\n        The server's metrics in the Prometheus text exposition format (version 0.0.4), for a\n        scraper. `bcd_*` metrics: requests and their latency by method, route template and\n        status (`bcd_http_requests_total`, `bcd_http_request_duration_seconds`); refusals and\n        failures by reason and error code (`bcd_rejections_total`); inference time per request\n        and images per forward pass (`bcd_inference_duration_seconds`,\n        `bcd_inference_batch_images`); images classified by label\n        (`bcd_images_classified_total`); prediction requests in progress and waiting for upload\n        memory (`bcd_requests_in_flight`, `bcd_requests_queued`, `bcd_upload_buffered_bytes`);\n        inference workers replaced (`bcd_worker_restarts_total`); the PACS node's studies by\n        trigger and outcome and their duration (`bcd_pacs_studies_total`,\n        `bcd_pacs_study_duration_seconds`) and the watch mode's looks at the PACS\n        (`bcd_pacs_watch_polls_total`), with no patient or study identifier as a label; the served model\n        (`bcd_model_info`, 1, with its name, version and weights SHA-256 as labels). Also\n        prom-client's default process and Node.js metrics (`process_*`, `nodejs_*`).\n\n        Open without an API key unless the server is started with `METRICS_REQUIRE_KEY=true`\n        (and `API_KEYS`): scrapers usually run inside the cluster. Absent (404) when the server\n        is started with `METRICS_ENABLED=false`.\n      security: [{}, {bearerAuth: []}, {apiKeyHeader: []}]\n      responses:\n        \"200\":\n          description: \"The metrics; `Content-Type: text/plain; version=0.0.4; charset=utf-8`.\"\n          headers:\n            X-Request-Id:\n              $ref: \"#/components/headers/X-Request-Id\"\n          content:\n            text/plain:\n              schema:\n                type: string\n              example: |\n                # HELP bcd_images_classified_total Images classified, by predicted label.\n                # TYPE bcd_images_classified_total counter\n                bcd_images_classified_total{label=\"Benign\"} 12\n                bcd_images_classified_total{label=\"Malignant\"} 3\n        \"401\":\n          $ref: \"#/components/responses/Unauthorized\"\n        \"404\":\n          description: Metrics are turned off (`METRICS_ENABLED=false`).\n          headers:\n            X-Request-Id:\n              $ref: \"#/components/headers/X-Request-Id\"\n          content:\n            application/json:\n              schema:\n                $ref: \"#/components/schemas/ErrorResponse\"\n        \"405\":\n          $ref: \"#/components/responses/MethodNotAllowed\"\n  /openapi.json:\n    get:\n      tags: [Service]\n      operationId: getOpenApiJson\n      summary: This document as JSON\n      responses:\n        \"200\":\n          description: The OpenAPI document.\n          content:\n            application/json:\n              schema:\n                type: object\n                required: [openapi, info, paths]\n                properties:\n                  openapi:\n                    type: string\n                  info:\n                    type: object\n                  paths:\n                    type: object\n        \"405\":\n          $ref: \"#/components/responses/MethodNotAllowed\"\n  /openapi.yaml:\n    get:\n      tags: [Service]\n      operationId: getOpenApiYaml\n      summary: This document as YAML\n      responses:\n        \"200\":\n          description: The OpenAPI document, as written.\n          content:\n            application/yaml:\n              schema:\n                type: string\n        \"405\":\n          $ref: \"#/components/responses/MethodNotAllowed\"\n  /:\n    get:\n      tags: [Service]\n      operationId: getSwaggerUi\n      summary: Swagger UI (served offline)\n      responses:\n        \"200\":\n          description: HTML page.\n          content:\n            text/html:\n              schema:\n                type: string\n        \"405\":\n          $ref: \"#/components/responses/MethodNotAllowed\"\n  /redoc:\n    get:\n      tags: [Service]\n      operationId: getRedoc\n      summary: ReDoc (served offline)\n      responses:\n        \"200\":\n          description: HTML page.\n          content:\n            text/html:\n              schema:\n                type: string\n        \"405\":\n          $ref: \"#/components/responses/MethodNotAllowed\"\n  /docs/{asset}:\n    get:\n      tags: [Service]\n      operationId: getDocsAsset\n      summary: Script and style files of the documentation pages (from npm packages, served offline)\n      parameters:\n        - name: asset\n          in: path\n          required: true\n          schema:\n            type: string\n            enum: [swagger-ui.css, swagger-ui-bundle.js, swagger-init.js, redoc.standalone.js]\n      responses:\n        \"200\":\n          description: The file.\n          content:\n            text/css:\n              schema:\n                type: string\n            application/javascript:\n              schema:\n                type: string\n        \"404\":\n          description: No such asset.\n          content:\n            application/json:\n              schema:\n                $ref: \"#/components/schemas/ErrorResponse\"\n        \"405\":\n          $ref: \"#/components/responses/MethodNotAllowed\"\n  /demo:\n    get:\n      tags: [Service]\n      operationId: getDemo\n      summary: A page where a person uses the service (upload, prediction, heatmap)\n      description: |\n        A single-page app, served from this server's own files (no CDN): drop up to 10\n        images, see each prediction, its probabilities, risk level, image statistics and\n        heatmap overlay, beside the served model's card. Open without an API key; when the\n        server requires one, the page asks for it. ⚠️ For educational purposes only.\n      responses:\n        \"200\":\n          description: The page.\n          content:\n            text/html:\n              schema:\n                type: string\n        \"404\":\n          description: This server was composed without the demo page (a server built on `@bcd-api/http` alone), or the page is not built.\n          content:\n            application/json:\n              schema:\n                $ref: \"#/components/schemas/ErrorResponse\"\n        \"405\":\n          $ref: \"#/components/responses/MethodNotAllowed\"\n  /demo/assets/{asset}:\n    get:\n      tags: [Service]\n      operationId: getDemoAsset\n      summary: A script, style sheet or image of the demo page\n      parameters:\n        - name: asset\n          in: path\n          required: true\n          schema:\n            type: string\n      responses:\n        \"200\":\n          description: The file; its name carries a hash of its content, so it is cached for a year.\n          content:\n            application/javascript:\n              schema:\n                type: string\n            text/css:\n              schema:\n                type: string\n            image/svg+xml:\n              schema:\n                type: string\n        \"404\":\n          description: No such asset.\n          content:\n            application/json:\n              schema:\n                $ref: \"#/components/schemas/ErrorResponse\"\n        \"405\":\n          $ref: \"#/components/responses/MethodNotAllowed\"\ncomponents:\n  securitySchemes:\n    bearerAuth:\n      type: http\n      scheme: bearer\n      description: Only when the server is started with API_KEYS; off by default, as the original API.\n    apiKeyHeader:\n      type: apiKey\n      in: header\n      name: X-API-Key\n      description: Same keys as bearerAuth, for clients that cannot set Authorization.\n  headers:\n    Retry-After:\n      description: Seconds to wait before retrying.\n      schema:\n        type: string\n        pattern: \"^[0-9]+$\"\n    X-Request-Id:\n      description: Identifier of this request, also written to the server's log. A client may send its own (1-128 characters of `A-Za-z0-9._-`), which is then echoed.\n      schema:\n        type: string\n        pattern: \"^[A-Za-z0-9._-]{1,128}$\"\n  responses:\n    BadRequest:\n      description: |\n        The request cannot be used: no file, an empty file, a file that is not a supported\n        image (the file is named and the reason given), more than 10 files, or an\n        unexpected multipart field, or a query parameter out of range (INVALID_PARAMETER).\n      headers:\n        X-Request-Id:\n          $ref: \"#/components/headers/X-Request-Id\"\n      content:\n        application/json:\n          schema:\n            $ref: \"#/components/schemas/ErrorResponse\"\n          example:\n            detail: \"No file uploaded: send the image in the multipart field 'file'.\"\n            code: MISSING_FILE\n    MethodNotAllowed:\n      description: The path exists but not with this method; `Allow` lists the methods it takes.\n      headers:\n        Allow:\n          schema:\n            type: string\n      content:\n        application/json:\n          schema:\n            $ref: \"#/components/schemas/ErrorResponse\"\n    PayloadTooLarge:\n      description: |\n        A file or the whole request is larger than the configured limit (named in `detail`). A\n        request is measured by its Content-Length before anything is read, and a chunked body\n        (no Content-Length) is counted as it arrives: it is refused as soon as it passes the\n        limit, and the rest is not read (the answer carries `Connection: close`).\n      headers:\n        X-Request-Id:\n          $ref: \"#/components/headers/X-Request-Id\"\n      content:\n        application/json:\n          schema:\n            $ref: \"#/components/schemas/ErrorResponse\"\n          example:\n            detail: \"File too large: the limit is 52428800 bytes per file.\"\n            code: PAYLOAD_TOO_LARGE\n    UnsupportedMediaType:\n      description: The request body is not `multipart/form-data`.\n      headers:\n        X-Request-Id:\n          $ref: \"#/components/headers/X-Request-Id\"\n      content:\n        application/json:\n          schema:\n            $ref: \"#/components/schemas/ErrorResponse\"\n    InternalError:\n      description: An unexpected failure. The body never holds a stack trace or a path; the request id identifies it in the server's log.\n      headers:\n        X-Request-Id:\n          $ref: \"#/components/headers/X-Request-Id\"\n      content:\n        application/json:\n          schema:\n            $ref: \"#/components/schemas/ErrorResponse\"\n    Unauthorized:\n      description: \"API keys are configured and the request carried none, or a wrong one (`Authorization: Bearer <key>` or `X-API-Key`).\"\n      headers:\n        X-Request-Id:\n          $ref: \"#/components/headers/X-Request-Id\"\n        WWW-Authenticate:\n          schema:\n            type: string\n      content:\n        application/json:\n          schema:\n            $ref: \"#/components/schemas/ErrorResponse\"\n          example:\n            detail: \"An API key is required: send Authorization: Bearer <key> or X-API-Key.\"\n            code: UNAUTHORIZED\n    ServiceUnavailable:\n      description: |\n        The request cannot be served now; `code` says why and `Retry-After` when to try again:\n        MODEL_UNAVAILABLE (the model is missing, broken or still loading); OVERLOADED (too many\n        requests are in progress, which is answered at once, or the uploads held in memory have\n        reached the server's budget and no room came within about 2 seconds: load is shed\n        rather than queued without bound); TIMEOUT (the request passed its deadline; its upload\n        and inference are abandoned, and the answer carries `Connection: close`);\n        INFERENCE_INTERRUPTED (the inference worker holding it crashed or hung and was\n        replaced); SHUTTING_DOWN (the server is stopping: for a grace period after SIGTERM it\n        still answers, with this code and `Connection: close`, rather than refusing\n        connections; requests it had accepted before are completed).\n      headers:\n        X-Request-Id:\n          $ref: \"#/components/headers/X-Request-Id\"\n        Retry-After:\n          $ref: \"#/components/headers/Retry-After\"\n      content:\n        application/json:\n          schema:\n            $ref: \"#/components/schemas/ErrorResponse\"\n          example:\n            detail: \"The server is at capacity (64 requests in progress); retry after 1 second.\"\n            code: OVERLOADED\n    NotAMammogram:\n      description: |\n        The upload is an image, but not a mammogram this model reads, and the server's\n        `INPUT_CHECK` is `refuse` (the default). `detail` names the file and says what it is or\n        which check it failed: a DICOM Modality other than MG (\"Modality NM (nuclear\n        medicine); this model reads mammograms (MG)\"), an image too small, blank or in colour,\n        or an image that the model's typicality check finds unlike any mammogram it was fitted\n        on (the score and the threshold are named). No verdict is given.\n      headers:\n        X-Request-Id:\n          $ref: \"#/components/headers/X-Request-Id\"\n      content:\n        application/json:\n          schema:\n            $ref: \"#/components/schemas/ErrorResponse\"\n          example:\n            detail: \"scan.dcm: not a mammogram. Modality NM (nuclear medicine); this model reads mammograms (MG).\"\n            code: NOT_A_MAMMOGRAM\n    ModelUnavailable:\n      description: The model is not loaded (missing, broken or still loading); `detail` says which.\n      headers:\n        X-Request-Id:\n          $ref: \"#/components/headers/X-Request-Id\"\n      content:\n        application/json:\n          schema:\n            $ref: \"#/components/schemas/ErrorResponse\"\n          example:\n            detail: \"The model is not available: model file not found.\"\n            code: MODEL_UNAVAILABLE\n    PacsError:\n      description: |\n        The PACS operation failed: `code` says why (`STUDY_NOT_FOUND`, `STUDY_NOT_ANALYSABLE`,\n        `PACS_NOT_CONFIGURED`, `PACS_UNAVAILABLE`, `PACS_TIMEOUT`); the last two carry\n        `Retry-After`.\n      headers:\n        X-Request-Id:\n          $ref: \"#/components/headers/X-Request-Id\"\n        Retry-After:\n          $ref: \"#/components/headers/Retry-After\"\n      content:\n        application/json:\n          schema:\n            $ref: \"#/components/schemas/ErrorResponse\"\n          example:\n            detail: \"The PACS has no study 1.2.826.0.1.3680043.10.1001.7.\"\n            code: STUDY_NOT_FOUND\n  schemas:\n    ErrorResponse:\n      type: object\n      description: Every error has a human sentence in `detail`, as the original API, and a stable machine `code`.\n      required: [detail, code]\n      additionalProperties: false\n      properties:\n        detail:\n          type: string\n          minLength: 1\n          description: What went wrong, as a sentence for a person.\n        code:\n          $ref: \"#/components/schemas/ErrorCode\"\n        status:\n          type: integer\n          minimum: 400\n          maximum: 599\n          description: The HTTP status, repeated (RFC 9457).\n        title:\n          type: string\n          description: Short summary of the error kind (RFC 9457).\n    ErrorCode:\n      type: string\n      enum:\n        - MISSING_FILE\n        - EMPTY_FILE\n        - UNEXPECTED_FIELD\n        - TOO_MANY_FILES\n        - TOO_MANY_PARTS\n        - UNSUPPORTED_IMAGE\n        - CORRUPT_IMAGE\n        - IMAGE_TOO_LARGE\n        - MALFORMED_MULTIPART\n        - PAYLOAD_TOO_LARGE\n        - UNSUPPORTED_MEDIA_TYPE\n        - METHOD_NOT_ALLOWED\n        - NOT_FOUND\n        - MODEL_UNAVAILABLE\n        - OVERLOADED\n        - TIMEOUT\n        - SHUTTING_DOWN\n        - INFERENCE_INTERRUPTED\n        - UNAUTHORIZED\n        - EXPLANATION_UNAVAILABLE\n        - NOT_ACCEPTABLE\n        - INVALID_PARAMETER\n        - LATERALITY_UNKNOWN\n        - NOT_A_MAMMOGRAM\n        - STUDY_NOT_FOUND\n        - STUDY_NOT_ANALYSABLE\n        - PACS_NOT_CONFIGURED\n        - PACS_UNAVAILABLE\n        - PACS_TIMEOUT\n        - INTERNAL_ERROR\n    ProbeResponse:\n      type: object\n      required: [status]\n      additionalProperties: false\n      properties:\n        status:\n          type: string\n          enum: [ok, ready, not_ready]\n        detail:\n          type: string\n    HealthResponse:\n      type: object\n      required: [status, service, version, model_status]\n      additionalProperties: false\n      properties:\n        status:\n          type: string\n          enum: [healthy, unhealthy]\n        service:\n          type: string\n          const: Breast Cancer Detection API\n        version:\n          type: string\n        model_status:\n          type: string\n          enum: [loaded, loading, not_loaded, error]\n          description: \"`loaded` when the model answers; `loading` during start-up; `not_loaded` when no model is configured or found; `error` when it failed to load.\"\n    Label:\n      type: string\n      enum: [Benign, Malignant]\n    Probabilities:\n      type: object\n      description: Calibrated class probabilities in percent, two decimals, summing to 100.\n      required: [benign, malignant]\n      additionalProperties: false\n      properties:\n        benign:\n          type: number\n          minimum: 0\n          maximum: 100\n        malignant:\n          type: number\n          minimum: 0\n          maximum: 100\n    RiskLevelName:\n      type: string\n      enum:\n        - Very High Risk\n        - High Risk\n        - Moderate-High Risk\n        - Moderate Risk\n        - Low-Moderate Risk\n        - Low Risk\n        - Very Low Risk\n    RiskAssessment:\n      type: object\n      required: [level, icon, color]\n      additionalProperties: false\n      properties:\n        level:\n          $ref: \"#/components/schemas/RiskLevelName\"\n        icon:\n          type: string\n          enum: [\"🔴\", \"🟠\", \"🟡\", \"🟢\"]\n        color:\n          type: string\n          pattern: \"^#[0-9a-f]{6}$\"\n    ImageStatistics:\n      type: object\n      description: Greyscale statistics of the resized image (see the API description for the formulas).\n      required: [brightness, contrast, mean_intensity, std_intensity]\n      additionalProperties: false\n      properties:\n        brightness:\n          type: number\n          minimum: 0\n          maximum: 100\n          description: mean_intensity / 255 * 100\n        contrast:\n          type: number\n          minimum: 0\n          maximum: 100\n          description: std_intensity / 255 * 100\n        mean_intensity:\n          type: number\n          minimum: 0\n          maximum: 255\n        std_intensity:\n          type: number\n          minimum: 0\n          maximum: 255\n    ImageInfo:\n      type: object\n      required: [filename, size, format]\n      additionalProperties: false\n      properties:\n        filename:\n          type: string\n          description: The client's file name, sanitised (no path, no control characters, at most 255 characters).\n        size:\n          type: string\n          pattern: \"^[0-9]+x[0-9]+$\"\n          description: Width x height in pixels, after EXIF orientation.\n        format:\n          type: string\n          enum: [JPEG, PNG, WEBP, TIFF, DICOM]\n    Disclaimer:\n      type: string\n      const: ⚠️ For educational purposes only. Not for medical diagnosis.\n    PredictionResponse:\n      type: object\n      required: [prediction, confidence, probabilities, risk_assessment, image_statistics, image_info, input_check, disclaimer]\n      additionalProperties: false\n      properties:\n        prediction:\n          $ref: \"#/components/schemas/Label\"\n        confidence:\n          type: number\n          minimum: 0\n          maximum: 1\n          description: Probability of the predicted class, 0-1, four decimals.\n        probabilities:\n          $ref: \"#/components/schemas/Probabilities\"\n        risk_assessment:\n          $ref: \"#/components/schemas/RiskAssessment\"\n        image_statistics:\n          $ref: \"#/components/schemas/ImageStatistics\"\n        image_info:\n          $ref: \"#/components/schemas/ImageInfo\"\n        input_check:\n          $ref: \"#/components/schemas/InputCheck\"\n        screening:\n          $ref: \"#/components/schemas/ScreeningResult\"\n        dicom:\n          $ref: \"#/components/schemas/DicomInfo\"\n        disclaimer:\n          $ref: \"#/components/schemas/Disclaimer\"\n    Heatmap:\n      type: object\n      description: |\n        The model's score map for the image: `height` rows of `width` cells over the model's\n        input, row by row from the top left. Where a cell lies on the image: the point (u, v)\n        of the grid, in cells (cell (c, r) spans c ≤ u ≤ c+1, r ≤ v ≤ r+1), is the image pixel\n        (`offset_x + scale_x·u`, `offset_y + scale_y·v`), in the coordinates of `image_info.size`\n        (after EXIF orientation). `scale_x` is negative when the model saw the image mirrored\n        (the default model puts the chest wall on the left). With `mammogram` preprocessing the\n        grid covers the square the breast was placed on, so cells beyond the image's edges\n        (padding) can exist; they hold no tissue.\n      required: [width, height, values, peak, grid_to_image, source]\n      additionalProperties: false\n      properties:\n        width:\n          type: integer\n          minimum: 1\n          description: Cells across.\n        height:\n          type: integer\n          minimum: 1\n          description: Cells down.\n        values:\n          type: array\n          minItems: 1\n          items:\n            type: number\n            minimum: 0\n            maximum: 1\n          description: \"`width × height` calibrated malignant probabilities, one per cell, four decimals.\"\n        peak:\n          type: object\n          description: The cell with the highest value whose centre lies on the image, and that centre in image pixels.\n          required: [x, y, value, column, row]\n          additionalProperties: false\n          properties:\n            x:\n              type: number\n              description: Image pixel column of the cell's centre (one decimal).\n            y:\n              type: number\n              description: Image pixel row of the cell's centre (one decimal).\n            value:\n              type: number\n              minimum: 0\n              maximum: 1\n            column:\n              type: integer\n              minimum: 0\n            row:\n              type: integer\n              minimum: 0\n        grid_to_image:\n          type: object\n          description: \"The mapping from grid coordinates (u, v) to image pixels: x = offset_x + scale_x·u, y = offset_y + scale_y·v.\"\n          required: [scale_x, offset_x, scale_y, offset_y]\n          additionalProperties: false\n          properties:\n            scale_x:\n              type: number\n            offset_x:\n              type: number\n            scale_y:\n              type: number\n            offset_y:\n              type: number\n        source:\n          type: string\n          enum: [model_score_map]\n          description: \"`model_score_map`: the model's own score-map output, from the same forward pass as the prediction.\"\n    ExplainResponse:\n      type: object\n      description: Everything `POST /predict` returns, plus the heatmap.\n      required: [prediction, confidence, probabilities, risk_assessment, image_statistics, image_info, heatmap, input_check, disclaimer]\n      additionalProperties: false\n      properties:\n        prediction:\n          $ref: \"#/components/schemas/Label\"\n        confidence:\n          type: number\n          minimum: 0\n          maximum: 1\n          description: Probability of the predicted class, 0-1, four decimals.\n        probabilities:\n          $ref: \"#/components/schemas/Probabilities\"\n        risk_assessment:\n          $ref: \"#/components/schemas/RiskAssessment\"\n        image_statistics:\n          $ref: \"#/components/schemas/ImageStatistics\"\n        image_info:\n          $ref: \"#/components/schemas/ImageInfo\"\n        heatmap:\n          $ref: \"#/components/schemas/Heatmap\"\n        input_check:\n          $ref: \"#/components/schemas/InputCheck\"\n        screening:\n          $ref: \"#/components/schemas/ScreeningResult\"\n        dicom:\n          $ref: \"#/components/schemas/DicomInfo\"\n        disclaimer:\n          $ref: \"#/components/schemas/Disclaimer\"\n    InputCheck:\n      type: object\n      description: |\n        What the server checked before giving this verdict: whether the upload is a mammogram\n        this model reads. `status` is `passed` when every check passed; `warning` when one\n        failed and the server, set to `INPUT_CHECK=warn`, gave the verdict anyway (`warning`\n        says why, and the verdict is then not meaningful); `not_checked` when the server is\n        set to `off`. The verdict's fields mean the same in every case.\n      required: [mode, status, checks, typicality]\n      additionalProperties: false\n      properties:\n        mode:\n          type: string\n          enum: [refuse, warn, off]\n          description: The server's `INPUT_CHECK` setting.\n        status:\n          type: string\n          enum: [passed, warning, not_checked]\n        warning:\n          type: string\n          minLength: 1\n          description: With `status` `warning` only, why this image does not look like a mammogram, as a sentence.\n        checks:\n          type: array\n          description: The rule checks that ran, in order (none when `mode` is `off`).\n          items:\n            $ref: \"#/components/schemas/InputCheckResult\"\n        typicality:\n          description: |\n            The model's own typicality check: the distance of the image's features to the\n            mammograms the check was fitted on, and the threshold above which an image is\n            refused. Null when `mode` is `off`, when the image was not classified, or when the\n            model declares no such check (`GET /model` says so).\n          oneOf:\n            - $ref: \"#/components/schemas/TypicalityResult\"\n            - type: \"null\"\n    InputCheckResult:\n      type: object\n      required: [check, passed, detail]\n      additionalProperties: false\n      properties:\n        check:\n          type: string\n          enum: [dicom_modality, image_size, grey_range, colourfulness]\n          description: |\n            `dicom_modality`: the DICOM Modality and SOP class (DICOM files only).\n            `image_size`: the short side in pixels (at least 256) and the aspect ratio (at most 3).\n            `grey_range`: grey levels from the 1st to the 99th percentile of the working image (at least 32).\n            `colourfulness`: Hasler and Süsstrunk's colourfulness of the image (at most 12; grey is 0).\n        passed:\n          type: boolean\n        value:\n          description: What was measured (a number, or the DICOM Modality).\n          oneOf:\n            - type: number\n            - type: string\n        limit:\n          description: The bound the value was held to (a number, or the modality expected).\n          oneOf:\n            - type: number\n            - type: string\n        detail:\n          type: string\n          minLength: 1\n          description: The finding as a sentence.\n    TypicalityResult:\n      type: object\n      required: [score, threshold, passed]\n      additionalProperties: false\n      properties:\n        score:\n          type: number\n          minimum: 0\n          description: The image's distance to the fitted mammograms; lower is more typical.\n        threshold:\n          type: number\n          minimum: 0\n          description: Images scoring above this are not taken for mammograms.\n        passed:\n          type: boolean\n    ModelInputCheck:\n      type: object\n      description: How the server checks that an upload is a mammogram before it gives a verdict.\n      required: [mode, checks, typicality]\n      additionalProperties: false\n      properties:\n        mode:\n          type: string\n          enum: [refuse, warn, off]\n          description: The server's `INPUT_CHECK` setting.\n        checks:\n          type: array\n          description: The rule checks every image goes through, with their limits.\n          items:\n            type: object\n            required: [check, description]\n            additionalProperties: false\n            properties:\n              check:\n                type: string\n                enum: [dicom_modality, image_size, grey_range, colourfulness]\n              description:\n                type: string\n        typicality:\n          description: The model's typicality check as its card declares it, or null when the model has none (then only the rule checks run).\n          oneOf:\n            - $ref: \"#/components/schemas/ModelTypicality\"\n            - type: \"null\"\n    ModelTypicality:\n      type: object\n      required: [method, threshold, fitted_on, evaluation]\n      additionalProperties: false\n      properties:\n        method:\n          type: string\n        threshold:\n          type: number\n          minimum: 0\n        fitted_on:\n          type: string\n        evaluation:\n          type: object\n          description: Refusal rates of the whole input check (rules and typicality), per source, with their counts.\n          required: [protocol, mammograms, non_mammograms]\n          additionalProperties: false\n          properties:\n            protocol:\n              type: string\n            mammograms:\n              type: array\n              items:\n                $ref: \"#/components/schemas/RefusalRate\"\n            non_mammograms:\n              type: array\n              items:\n                $ref: \"#/components/schemas/RefusalRate\"\n    RefusalRate:\n      type: object\n      required: [source, images, refused, rate]\n      additionalProperties: false\n      properties:\n        source:\n          type: string\n        images:\n          type: integer\n          minimum: 0\n        refused:\n          type: integer\n          minimum: 0\n        rate:\n          type: number\n          minimum: 0\n          maximum: 1\n    DicomInfo:\n      type: object\n      description: |\n        Present when the image was DICOM: what the file says about the image, never about the\n        patient. No name, ID, birth date, accession number, institution or UID is ever read into\n        a response, a log line or an error.\n      required: [photometric_interpretation, bits_stored, transfer_syntax]\n      additionalProperties: false\n      properties:\n        modality:\n          type: string\n          description: Modality (0008,0060), e.g. MG.\n        laterality:\n          type: string\n          enum: [L, R]\n          description: ImageLaterality (0020,0062), else Laterality (0020,0060).\n        view:\n          type: string\n          description: ViewPosition (0018,5101), e.g. CC or MLO.\n        presentation_intent:\n          type: string\n          description: PresentationIntentType (0008,0068); FOR PROCESSING images are refused.\n        photometric_interpretation:\n          type: string\n          description: MONOCHROME1 (inverted on reading), MONOCHROME2 or RGB.\n        bits_stored:\n          type: integer\n          minimum: 1\n          maximum: 16\n        transfer_syntax:\n          type: string\n          description: The name of the file's transfer syntax.\n    Laterality:\n      type: string\n      enum: [L, R]\n      description: \"`L` left, `R` right.\"\n    StudyImageSuccess:\n      type: object\n      required: [filename, laterality, laterality_source, prediction, confidence, probabilities, risk_assessment, input_check]\n      additionalProperties: false\n      properties:\n        filename:\n          type: string\n        laterality:\n          $ref: \"#/components/schemas/Laterality\"\n        view:\n          type: string\n          description: The view (CC, MLO, ...), when the DICOM tags or the form say it.\n        laterality_source:\n          type: string\n          enum: [dicom, form]\n          description: Where the laterality (and view) came from.\n        prediction:\n          $ref: \"#/components/schemas/Label\"\n        confidence:\n          type: number\n          minimum: 0\n          maximum: 1\n        probabilities:\n          $ref: \"#/components/schemas/Probabilities\"\n        risk_assessment:\n          $ref: \"#/components/schemas/RiskAssessment\"\n        input_check:\n          $ref: \"#/components/schemas/InputCheck\"\n        screening:\n          $ref: \"#/components/schemas/ScreeningResult\"\n        dicom:\n          $ref: \"#/components/schemas/DicomInfo\"\n    StudyResult:\n      type: object\n      description: A combination of images by the study's rule (see `rule`), with the result's own label and risk level.\n      required: [images, prediction, probabilities, risk_assessment]\n      additionalProperties: false\n      properties:\n        images:\n          type: integer\n          minimum: 1\n          description: How many classified images it combines.\n        views:\n          type: array\n          items:\n            type: string\n          description: The views it combines, in upload order (a breast's only).\n        prediction:\n          $ref: \"#/components/schemas/Label\"\n        probabilities:\n          $ref: \"#/components/schemas/Probabilities\"\n        risk_assessment:\n          $ref: \"#/components/schemas/RiskAssessment\"\n        screening:\n          description: |\n            Present when the model's card has screening operating points. On the study: its\n            category from the study-level points applied to its combined value, as a\n            `ScreeningResult` with `operating_points: study`. On a breast: only its value at the\n            server's `SCREENING_PREVALENCE` (`BreastScreening`), when that is set; no category,\n            as no breast-level operating points were measured.\n          oneOf:\n            - $ref: \"#/components/schemas/ScreeningResult\"\n            - $ref: \"#/components/schemas/BreastScreening\"\n    StudyResponse:\n      type: object\n      required: [total_images, successful, failed, results, breasts, study, missing_views, rule, disclaimer]\n      additionalProperties: false\n      properties:\n        total_images:\n          type: integer\n          minimum: 1\n          maximum: 8\n        successful:\n          type: integer\n          minimum: 0\n        failed:\n          type: integer\n          minimum: 0\n        results:\n          type: array\n          maxItems: 8\n          description: One entry per uploaded file, in upload order; a file that cannot be read gets an error entry, as in `/batch-predict`.\n          items:\n            oneOf:\n              - $ref: \"#/components/schemas/StudyImageSuccess\"\n              - $ref: \"#/components/schemas/BatchItemError\"\n        breasts:\n          type: object\n          required: [left, right]\n          additionalProperties: false\n          properties:\n            left:\n              description: The left breast's result, or null when none of its images was classified.\n              oneOf:\n                - $ref: \"#/components/schemas/StudyResult\"\n                - type: \"null\"\n            right:\n              description: The right breast's result, or null when none of its images was classified.\n              oneOf:\n                - $ref: \"#/components/schemas/StudyResult\"\n                - type: \"null\"\n        study:\n          description: The study's result, or null when no image was classified.\n          oneOf:\n            - $ref: \"#/components/schemas/StudyResult\"\n            - type: \"null\"\n        missing_views:\n          type: array\n          items:\n            type: string\n            enum: [L-CC, L-MLO, R-CC, R-MLO]\n          description: The four standard screening views (left and right, CC and MLO) that no classified image provides.\n        rule:\n          type: string\n          description: How the images were combined, in words.\n        disclaimer:\n          $ref: \"#/components/schemas/Disclaimer\"\n    PacsAnalysisResponse:\n      type: object\n      required: [study_instance_uid, result, already_stored, stored, model, disclaimer]\n      additionalProperties: false\n      properties:\n        study_instance_uid:\n          type: string\n        result:\n          $ref: \"#/components/schemas/StudyResponse\"\n          description: The analysis, as `POST /predict-study` answers it; each image's `filename` is its SOP Instance UID.\n        already_stored:\n          type: boolean\n          description: true when the study already held this model's results; nothing was stored again.\n        stored:\n          type: object\n          required: [report, overlays]\n          additionalProperties: false\n          description: The study's result set under this model (stored now, or before when `already_stored`).\n          properties:\n            report:\n              $ref: \"#/components/schemas/StoredInstance\"\n            overlays:\n              type: array\n              maxItems: 8\n              description: One heatmap overlay per classified image, for a model with a score map.\n              items:\n                allOf:\n                  - $ref: \"#/components/schemas/StoredInstance\"\n                  - type: object\n                    required: [source_sop_instance_uid]\n                    properties:\n                      source_sop_instance_uid:\n                        type: string\n        model:\n          type: object\n          required: [name, version, sha256]\n          additionalProperties: false\n          properties:\n            name:\n              type: string\n            version:\n              type: string\n            sha256:\n              type: string\n              pattern: \"^[0-9a-f]{64}$\"\n        disclaimer:\n          $ref: \"#/components/schemas/Disclaimer\"\n    StoredInstance:\n      type: object\n      required: [series_instance_uid, sop_instance_uid, sop_class_uid]\n      properties:\n        series_instance_uid:\n          type: string\n        sop_instance_uid:\n          type: string\n        sop_class_uid:\n          type: string\n    StudyAggregation:\n      type: string\n      enum: [max, mean, mean_logit, min]\n      description: |\n        How a group of values becomes one. `max`: the largest; `min`: the smallest; `mean`: the\n        arithmetic mean of the calibrated malignant probabilities; `mean_logit`: their mean on the\n        logit scale, sigmoid(mean(logit(p))), each p first held to [1e-6, 1 − 1e-6].\n    StudyRule:\n      type: object\n      description: |\n        How `POST /predict-study` combines a study's images. `breast` combines the images of one\n        breast (one laterality); `study` combines the breasts' combined values, not the images:\n        with `breast: min` and `study: max`, the study's value is max(min(left images), min(right\n        images)). A study with one breast has that breast's value. Without a rule in its manifest\n        a model is served with `max` and `max`.\n      required: [breast, study]\n      additionalProperties: false\n      properties:\n        breast:\n          $ref: \"#/components/schemas/StudyAggregation\"\n        study:\n          $ref: \"#/components/schemas/StudyAggregation\"\n        chosen_by:\n          type: string\n          minLength: 1\n          description: How the rule was chosen, as the model's author measured it.\n    ScreeningCategory:\n      type: string\n      enum: [likely_normal, elevated, high]\n      description: |\n        A category read from the model's screening operating points (`GET /model`,\n        `screening.operating_points`), the image's for an image, the study's for a study, with p\n        the calibrated malignant probability (a study: its combined value): `likely_normal` when\n        p is below the threshold at specificity 0.90; `elevated` from that threshold up to, not\n        including, the threshold at specificity 0.95; `high` from the latter. It does not depend\n        on prevalence: specificity is measured on the cancer-free alone. It is **not a BI-RADS\n        assessment and not a diagnosis**, and `likely_normal` is no all-clear: it holds the\n        cancers the threshold at specificity 0.90 misses, one minus its sensitivity, which for a\n        model of modest accuracy is most of them (`GET /model`, `screening.categories`, gives\n        this model's shares).\n    ScreeningResult:\n      type: object\n      description: |\n        Present when the model's card has screening operating points. `category` comes from the\n        operating points named by `operating_points`. `prevalence` and `malignant_probability`\n        are there only when the server sets `SCREENING_PREVALENCE`: the calibrated malignant\n        probability re-calibrated from the prevalence of the model's calibration data\n        (`GET /model`, `screening.base_prevalence`) to that prevalence by a prior-shift\n        correction: odds' = odds(p) × (π / (1 − π)) / (π₀ / (1 − π₀)). The seed-compatible\n        fields (`prediction`, `confidence`, `probabilities`, `risk_assessment`) keep their\n        meaning whatever the setting: the model's calibration and decision threshold. The\n        correction is exact for an image's calibrated probability; a study's combined value is\n        corrected as if it were one, which it only approximates (the maximum across breasts\n        overstates it), so read a study by its category.\n      required: [category, operating_points]\n      additionalProperties: false\n      dependentRequired:\n        prevalence: [malignant_probability]\n        malignant_probability: [prevalence]\n      properties:\n        category:\n          $ref: \"#/components/schemas/ScreeningCategory\"\n        operating_points:\n          type: string\n          enum: [image, study]\n          description: Which operating points the category is read from.\n        prevalence:\n          type: number\n          exclusiveMinimum: 0\n          exclusiveMaximum: 1\n          description: The server's `SCREENING_PREVALENCE`.\n        malignant_probability:\n          type: number\n          minimum: 0\n          maximum: 1\n          description: The malignant probability at `prevalence`, six decimals.\n    BreastScreening:\n      type: object\n      description: |\n        A breast's malignant probability at the server's `SCREENING_PREVALENCE`, the same\n        prior-shift correction as an image's (`ScreeningResult`), applied to the breast's\n        combined value as if it were one image's calibrated probability (an approximation: a\n        mean of calibrated probabilities is close to one, a maximum or minimum is not). No\n        category: no operating points were measured for a breast, only for images and studies.\n      required: [prevalence, malignant_probability]\n      additionalProperties: false\n      properties:\n        prevalence:\n          type: number\n          exclusiveMinimum: 0\n          exclusiveMaximum: 1\n          description: The server's `SCREENING_PREVALENCE`.\n        malignant_probability:\n          type: number\n          minimum: 0\n          maximum: 1\n          description: The breast's combined value at `prevalence`, six decimals.\n    Proportion:\n      type: object\n      description: A measured proportion and its 95% confidence interval.\n      required: [value, ci95]\n      additionalProperties: false\n      properties:\n        value:\n          type: number\n          minimum: 0\n          maximum: 1\n        ci95:\n          type: array\n          items:\n            type: number\n            minimum: 0\n            maximum: 1\n          minItems: 2\n          maxItems: 2\n    OperatingPoint:\n      type: object\n      description: A threshold on the calibrated malignant probability, chosen for a target specificity, and what it achieved.\n      required: [target_specificity, threshold, sensitivity, specificity]\n      additionalProperties: false\n      properties:\n        target_specificity:\n          type: number\n          enum: [0.8, 0.9, 0.95]\n        threshold:\n          type: number\n          minimum: 0\n          maximum: 1\n          description: A value at or above it is called positive at this point.\n        sensitivity:\n          $ref: \"#/components/schemas/Proportion\"\n        specificity:\n          $ref: \"#/components/schemas/Proportion\"\n    OperatingPointList:\n      type: array\n      description: One operating point per target specificity, 0.8, 0.9 and 0.95 in that order, thresholds non-decreasing.\n      minItems: 3\n      maxItems: 3\n      items:\n        $ref: \"#/components/schemas/OperatingPoint\"\n    PredictiveValues:\n      type: object\n      description: |\n        An operating point's predictive values at a prevalence π, from its point estimates:\n        PPV = sens·π / (sens·π + (1 − spec)·(1 − π)), NPV = spec·(1 − π) / (spec·(1 − π) + (1 − sens)·π).\n      required: [target_specificity, ppv, npv]\n      additionalProperties: false\n      properties:\n        target_specificity:\n          type: number\n          enum: [0.8, 0.9, 0.95]\n        ppv:\n          type: number\n          minimum: 0\n          maximum: 1\n          description: Of the values called positive, the share with cancer (four decimals).\n        npv:\n          type: number\n          minimum: 0\n          maximum: 1\n          description: Of the values called negative, the share without cancer (four decimals).\n    ModelScreening:\n      type: object\n      description: |\n        The model's screening operating points, measured out of fold, and what the server reads\n        from them: the category of each image and study (`categories`), and, when the server sets\n        `SCREENING_PREVALENCE`, predictive values at that prevalence (`at_prevalence`). Image\n        points apply to one image's calibrated malignant probability; study points to a study's\n        combined value by the model's `study_rule`.\n      required: [base_prevalence, evaluated_on, operating_points, categories]\n      additionalProperties: false\n      properties:\n        base_prevalence:\n          type: number\n          exclusiveMinimum: 0\n          exclusiveMaximum: 1\n          description: The cancer share of the data the calibration was fitted on; the calibrated probabilities hold at this prevalence.\n        evaluated_on:\n          type: string\n          minLength: 1\n          description: The data and protocol the operating points were measured with.\n        operating_points:\n          type: object\n          required: [image, study]\n          additionalProperties: false\n          properties:\n            image:\n              $ref: \"#/components/schemas/OperatingPointList\"\n            study:\n              $ref: \"#/components/schemas/OperatingPointList\"\n        categories:\n          type: string\n          description: The categories (`ScreeningCategory`), defined in words.\n        at_prevalence:\n          type: object\n          description: Present when the server sets `SCREENING_PREVALENCE`.\n          required: [prevalence, image, study]\n          additionalProperties: false\n          properties:\n            prevalence:\n              type: number\n              exclusiveMinimum: 0\n              exclusiveMaximum: 1\n              description: The server's `SCREENING_PREVALENCE`.\n            image:\n              type: array\n              items:\n                $ref: \"#/components/schemas/PredictiveValues\"\n            study:\n              type: array\n              items:\n                $ref: \"#/components/schemas/PredictiveValues\"\n    BatchItemSuccess:\n      type: object\n      required: [filename, prediction, confidence, probabilities, risk_assessment, input_check]\n      additionalProperties: false\n      properties:\n        filename:\n          type: string\n        prediction:\n          $ref: \"#/components/schemas/Label\"\n        confidence:\n          type: number\n          minimum: 0\n          maximum: 1\n          description: Probability of the predicted class, 0-1, four decimals.\n        probabilities:\n          $ref: \"#/components/schemas/Probabilities\"\n        risk_assessment:\n          $ref: \"#/components/schemas/RiskAssessment\"\n        input_check:\n          $ref: \"#/components/schemas/InputCheck\"\n        screening:\n          $ref: \"#/components/schemas/ScreeningResult\"\n        dicom:\n          $ref: \"#/components/schemas/DicomInfo\"\n    BatchItemError:\n      type: object\n      required: [filename, error, code]\n      additionalProperties: false\n      properties:\n        filename:\n          type: string\n        error:\n          type: string\n          minLength: 1\n          description: Why this file could not be classified, as a sentence naming the file.\n        code:\n          $ref: \"#/components/schemas/ErrorCode\"\n    BatchPredictionResponse:\n      type: object\n      required: [total_images, successful, failed, summary, results, disclaimer]\n      additionalProperties: false\n      properties:\n        total_images:\n          type: integer\n          minimum: 1\n          maximum: 10\n        successful:\n          type: integer\n          minimum: 0\n        failed:\n          type: integer\n          minimum: 0\n        summary:\n          type: object\n          required: [malignant, benign]\n          additionalProperties: false\n          properties:\n            malignant:\n              type: integer\n              minimum: 0\n            benign:\n              type: integer\n              minimum: 0\n        results:\n          type: array\n          maxItems: 10\n          items:\n            oneOf:\n              - $ref: \"#/components/schemas/BatchItemSuccess\"\n              - $ref: \"#/components/schemas/BatchItemError\"\n        disclaimer:\n          $ref: \"#/components/schemas/Disclaimer\"\n    RiskLevelRule:\n      type: object\n      description: \"A risk level applies when `min` (inclusive if `min_inclusive`) < p < `max` (inclusive if `max_inclusive`), p the malignant probability.\"\n      required: [level, icon, color, min, min_inclusive, max, max_inclusive]\n      additionalProperties: false\n      properties:\n        level:\n          $ref: \"#/components/schemas/RiskLevelName\"\n        icon:\n          type: string\n        color:\n          type: string\n          pattern: \"^#[0-9a-f]{6}$\"\n        min:\n          type: number\n          minimum: 0\n          maximum: 1\n        min_inclusive:\n          type: boolean\n        max:\n          type: number\n          minimum: 0\n          maximum: 1\n        max_inclusive:\n          type: boolean\n    Metric:\n      type: object\n      required: [value]\n      properties:\n        value:\n          type: number\n        ci95:\n          type: array\n          items:\n            type: number\n          minItems: 2\n          maxItems: 2\n    ModelCard:\n      type: object\n      required: [name, version, sha256, engine, input, labels, decision_threshold, risk_levels, input_check, method, training_data, evaluation, intended_use, limitations, disclaimer]\n      additionalProperties: false\n      properties:\n        name:\n          type: string\n        version:\n          type: string\n        sha256:\n          type: string\n          pattern: \"^[0-9a-f]{64}$\"\n          description: SHA-256 of the weights file, computed by the server at load.\n        engine:\n          type: string\n          enum: [onnx, tfjs]\n        input:\n          type: object\n          required: [width, height, channels, layout, color, scaling, preprocessing]\n          additionalProperties: false\n          properties:\n            width:\n              type: integer\n              minimum: 1\n            height:\n              type: integer\n              minimum: 1\n            channels:\n              type: integer\n              enum: [1, 3]\n            layout:\n              type: string\n              enum: [NCHW, NHWC]\n            color:\n              type: string\n              enum: [RGB, GRAY]\n            scaling:\n              type: string\n              description: How pixel values are scaled, e.g. \"[0,1]\".\n            preprocessing:\n              type: string\n              enum: [stretch, mammogram]\n              description: >-\n                How an image becomes the input. `stretch`: the whole image resized to the\n                input size, aspect not kept (the original API's way). `mammogram`: grey, light\n                background inverted, chest wall mirrored to the left, cropped to the breast\n                and centred on a black square (the input is square).\n        labels:\n          type: array\n          items:\n            $ref: \"#/components/schemas/Label\"\n        decision_threshold:\n          type: number\n          minimum: 0\n          maximum: 1\n          description: \"`prediction` is Malignant when the calibrated malignant probability is at least this.\"\n        calibration:\n          type: object\n          additionalProperties: true\n          description: How raw scores become probabilities (fitted out of fold).\n        risk_levels:\n          type: array\n          items:\n            $ref: \"#/components/schemas/RiskLevelRule\"\n        input_check:\n          $ref: \"#/components/schemas/ModelInputCheck\"\n        method:\n          type: string\n        training_data:\n          type: object\n          required: [name, licence, citation]\n          additionalProperties: true\n          properties:\n            name:\n              type: string\n            licence:\n              type: string\n            citation:\n              type: string\n        evaluation:\n          type: object\n          additionalProperties: true\n          required: [protocol, roc_auc]\n          properties:\n            protocol:\n              type: string\n            roc_auc:\n              $ref: \"#/components/schemas/Metric\"\n        intended_use:\n          type: string\n        limitations:\n          type: array\n          items:\n            type: string\n        disclaimer:\n          type: string\n        created:\n          type: string\n        study_rule:\n          $ref: \"#/components/schemas/StudyRule\"\n        screening:\n          $ref: \"#/components/schemas/ModelScreening\"\n        score_map:\n          type: object\n          description: >-\n            Present when the model gives, in the same forward pass as its score, a grid of raw\n            logits (before calibration) over its input, e.g. a class-activation map.\n          required: [name, kind, width, height]\n          additionalProperties: false\n          properties:\n            name:\n              type: string\n              description: The model's output that holds the grid.\n            kind:\n              type: string\n              enum: [logit_grid]\n              description: \"`logit_grid`: one logit per cell, on the scale of the image's raw score.\"\n            width:\n              type: integer\n              minimum: 1\n              description: Cells across, measured when the model was loaded.\n            height:\n              type: integer\n              minimum: 1\n              description: Cells down, measured when the model was loaded.\n";
