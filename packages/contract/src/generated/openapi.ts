// Generated from openapi.yaml by packages/contract/scripts/generate.mjs. Do not edit.
// Change openapi.yaml and run `pnpm generate` instead.
/* eslint-disable */
export interface paths {
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Service and model status
         * @description Reports `healthy` (200) only when the model is loaded and answers; otherwise 503 with the reason in `model_status`.
         */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness probe (the process is up)
         * @description 200 whenever the process can answer, model or not. For orchestrators' liveness checks.
         */
        get: operations["getLiveness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness probe (model loaded and warmed up, not shutting down)
         * @description 200 when predictions can be served; 503 while the model loads, when it failed to load, or once shutdown has begun.
         */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/predict": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Classify one mammogram
         * @description Upload one image in the multipart field `file`. ⚠️ For educational purposes only,
         *     not for medical diagnosis.
         */
        post: operations["predict"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/batch-predict": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Classify up to 10 mammograms
         * @description Upload 1 to 10 images, each in a multipart field named `files`. Results come back
         *     in upload order. A file that cannot be read, or that is not a mammogram (`code`
         *     `NOT_A_MAMMOGRAM`, see `POST /predict`), does not fail the batch: its entry carries
         *     `filename`, an `error` sentence and the `code` while the others succeed. The valid
         *     images go through the model in passes of the server's configured size, with the
         *     same results as one pass. ⚠️ For educational purposes only, not for medical
         *     diagnosis.
         */
        post: operations["batchPredict"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/predict-study": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Classify the images of one examination and combine them per breast
         * @description Upload 1 to 8 images of one examination, each in a multipart field `files`. Each
         *     image's laterality and view come from its DICOM tags (ImageLaterality or Laterality,
         *     ViewPosition) or, for PNG, JPEG, WebP and TIFF, from the text fields `laterality` (`L`
         *     or `R`) and `view` (e.g. `CC`, `MLO`): either field, when sent, is sent once per file in
         *     upload order, empty for a file whose tags say it. A form value that contradicts a DICOM
         *     tag is refused, as is an image whose laterality nothing gives (400
         *     `LATERALITY_UNKNOWN`, naming the file).
         *
         *     The answer holds a result per image (as `/batch-predict`: a file that cannot be read
         *     gets an error entry), a result per breast and one for the study. **The rule** is the
         *     model's (`GET /model`, `study_rule`): a breast's malignant probability combines the
         *     calibrated malignant probabilities of its images by `study_rule.breast`, and the study's
         *     combines its breasts' values (not the images) by `study_rule.study`, each one of `max`
         *     (the largest), `min` (the smallest), `mean` (the arithmetic mean) or `mean_logit`
         *     (sigmoid of the mean logit, each p first held to [1e-6, 1 − 1e-6]). With `breast: min`
         *     and `study: max`, the study's value is max(min(left images), min(right images)); a study
         *     with one breast has that breast's value. A model whose manifest states no rule is served
         *     with `max` and `max`: one suspicious view is enough. The answer's `rule` says the rule in
         *     force in words. Each combined value gets its label from the model's decision threshold
         *     and its risk level from the model's table, read as if it were one image's probability.
         *     This is an aggregation of a model that scores single images, not a model trained on
         *     studies. Missing standard views (L-CC, L-MLO, R-CC, R-MLO) are allowed and listed.
         *
         *     With a model that has screening operating points, each image and the study carry a
         *     `screening` category, and each breast too its value at `SCREENING_PREVALENCE` when the
         *     server sets it (see `ScreeningResult`, `BreastScreening`).
         *
         *     ⚠️ For educational purposes only, not for medical diagnosis.
         */
        post: operations["predictStudy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/explain": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Classify one mammogram and show where the model looked
         * @description Everything `POST /predict` returns for the image in the multipart field `file`, plus
         *     `heatmap`: the model's score map for the image, from the same forward pass as the
         *     prediction (no second inference). Each cell is the calibrated malignant probability
         *     of that region, read on the scale of the image's score (the model card's
         *     `calibration` applied to the cell's logit). The default model's image logit pools its
         *     cells' logits (log-mean-exp, between their mean and their maximum), so a region with a
         *     high value pushed the image's score up. A heatmap shows what drove this model's score. It is not a lesion detector, and
         *     a model this weak (see `GET /model`) often looks at the wrong place.
         *
         *     With `Accept: image/png` the answer is instead a PNG of the image (at its own aspect
         *     ratio, 1024 px on the long side, EXIF orientation applied) with the heatmap
         *     laid over it, a colour scale, the prediction and the disclaimer drawn in; the
         *     prediction is also in the `X-Prediction`, `X-Malignant-Probability` and
         *     `X-Risk-Level` headers. Errors are JSON whatever `Accept` says.
         *
         *     Only a model whose manifest declares a score-map output (`score_map` in
         *     `GET /model`) can explain; with any other model this answers 422
         *     `EXPLANATION_UNAVAILABLE` before reading the upload. There is no model-agnostic
         *     fallback (such as occlusion, which would cost one inference per occluded region).
         *
         *     ⚠️ For educational purposes only, not for medical diagnosis.
         */
        post: operations["explain"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/studies/{StudyInstanceUID}/analyze": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Analyse a study in the PACS and store the results back into it as DICOM
         * @description For a server set up with a DICOMweb PACS (`DICOMWEB_URL`, e.g.
         *     `http://127.0.0.1:8042/dicom-web` for Orthanc): finds the study's MG instances (QIDO-RS),
         *     retrieves them as stored (WADO-RS), analyses them as `POST /predict-study` does (each
         *     image's laterality and view from its DICOM tags; at most 8 images), and stores the results
         *     back into the same study (STOW-RS), as two new series:
         *
         *     - a **Comprehensive SR** (TID 1500 Imaging Measurement Report; SOP class 88.33, or 88.34
         *       under `DICOM_SR_CLASS=comprehensive-3d`) holding, per image, per breast and for the
         *       exam, the calibrated probability as (111047, DCM, "Probability of cancer") in `%`, each
         *       image's heatmap peak cell as a region (SCOORD) on its source image, the rule, the
         *       algorithm's identity (model name, version, SHA-256 of its weights; also in the Contributing
         *       Equipment Sequence, as the IHE AI Results profile asks) and the disclaimer;
         *     - for a model with a score map, each image's **heatmap overlay** as a Secondary Capture
         *       that references its source image.
         *
         *     A result copies from its study only what a PACS needs to file it there (the patient's
         *     name, ID, birth date and sex, and the study's UID, date, time, ID, accession number and
         *     referring physician, as they are); nothing about the patient is logged or counted.
         *
         *     **Stored once.** The results' UIDs are derived from the study's UID and the model's
         *     SHA-256, and the report is stored last: when the study already holds this model's
         *     report, the analysis is answered again and nothing is stored (`already_stored: true`);
         *     a store cut short is completed by the next call, never doubled. The server's watch mode
         *     (`PACS_WATCH=on`) does the same, unattended, for each new stable mammography study.
         *
         *     Errors: 404 `STUDY_NOT_FOUND` (the PACS has no such study) or `PACS_NOT_CONFIGURED`
         *     (this server has no `DICOMWEB_URL`: it has no PACS to find the study in); 422
         *     `STUDY_NOT_ANALYSABLE` (no MG image, more than 8, one above `MAX_FILE_BYTES`, an image
         *     without laterality, or none that passes the input check: `detail` says which); 503 as
         *     for an upload (the images are held under the same memory budget, `MAX_BUFFERED_BYTES`); 502 `PACS_UNAVAILABLE` (the PACS could
         *     not be reached, answered with an error or refused to store) and 504 `PACS_TIMEOUT`, both
         *     worth a retry.
         *
         *     ⚠️ For educational purposes only, not for medical diagnosis.
         */
        post: operations["analyzePacsStudy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/model": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The served model's card
         * @description Name, version, artifact SHA-256, input, labels, training data, evaluation figures, risk
         *     thresholds, intended use, limitations and disclaimer; the rule `POST /predict-study`
         *     combines images by (`study_rule`); and, for a model that has them, its screening operating
         *     points with the categories read from them and, when the server sets
         *     `SCREENING_PREVALENCE`, their predictive values at that prevalence (`screening`).
         */
        get: operations["getModel"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics
         * @description The server's metrics in the Prometheus text exposition format (version 0.0.4), for a
         *     scraper. `bcd_*` metrics: requests and their latency by method, route template and
         *     status (`bcd_http_requests_total`, `bcd_http_request_duration_seconds`); refusals and
         *     failures by reason and error code (`bcd_rejections_total`); inference time per request
         *     and images per forward pass (`bcd_inference_duration_seconds`,
         *     `bcd_inference_batch_images`); images classified by label
         *     (`bcd_images_classified_total`); prediction requests in progress and waiting for upload
         *     memory (`bcd_requests_in_flight`, `bcd_requests_queued`, `bcd_upload_buffered_bytes`);
         *     inference workers replaced (`bcd_worker_restarts_total`); the PACS node's studies by
         *     trigger and outcome and their duration (`bcd_pacs_studies_total`,
         *     `bcd_pacs_study_duration_seconds`) and the watch mode's looks at the PACS
         *     (`bcd_pacs_watch_polls_total`), with no patient or study identifier as a label; the served model
         *     (`bcd_model_info`, 1, with its name, version and weights SHA-256 as labels). Also
         *     prom-client's default process and Node.js metrics (`process_*`, `nodejs_*`).
         *
         *     Open without an API key unless the server is started with `METRICS_REQUIRE_KEY=true`
         *     (and `API_KEYS`): scrapers usually run inside the cluster. Absent (404) when the server
         *     is started with `METRICS_ENABLED=false`.
         */
        get: operations["getMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This document as JSON */
        get: operations["getOpenApiJson"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.yaml": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This document as YAML */
        get: operations["getOpenApiYaml"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Swagger UI (served offline) */
        get: operations["getSwaggerUi"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/redoc": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** ReDoc (served offline) */
        get: operations["getRedoc"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/docs/{asset}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Script and style files of the documentation pages (from npm packages, served offline) */
        get: operations["getDocsAsset"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/demo": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A page where a person uses the service (upload, prediction, heatmap)
         * @description A single-page app, served from this server's own files (no CDN): drop up to 10
         *     images, see each prediction, its probabilities, risk level, image statistics and
         *     heatmap overlay, beside the served model's card. Open without an API key; when the
         *     server requires one, the page asks for it. ⚠️ For educational purposes only.
         */
        get: operations["getDemo"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/demo/assets/{asset}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A script, style sheet or image of the demo page */
        get: operations["getDemoAsset"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description Every error has a human sentence in `detail`, as the original API, and a stable machine `code`. */
        ErrorResponse: {
            /** @description What went wrong, as a sentence for a person. */
            detail: string;
            code: components["schemas"]["ErrorCode"];
            /** @description The HTTP status, repeated (RFC 9457). */
            status?: number;
            /** @description Short summary of the error kind (RFC 9457). */
            title?: string;
        };
        /** @enum {string} */
        ErrorCode: "MISSING_FILE" | "EMPTY_FILE" | "UNEXPECTED_FIELD" | "TOO_MANY_FILES" | "TOO_MANY_PARTS" | "UNSUPPORTED_IMAGE" | "CORRUPT_IMAGE" | "IMAGE_TOO_LARGE" | "MALFORMED_MULTIPART" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "METHOD_NOT_ALLOWED" | "NOT_FOUND" | "MODEL_UNAVAILABLE" | "OVERLOADED" | "TIMEOUT" | "SHUTTING_DOWN" | "INFERENCE_INTERRUPTED" | "UNAUTHORIZED" | "EXPLANATION_UNAVAILABLE" | "NOT_ACCEPTABLE" | "INVALID_PARAMETER" | "LATERALITY_UNKNOWN" | "NOT_A_MAMMOGRAM" | "STUDY_NOT_FOUND" | "STUDY_NOT_ANALYSABLE" | "PACS_NOT_CONFIGURED" | "PACS_UNAVAILABLE" | "PACS_TIMEOUT" | "INTERNAL_ERROR";
        ProbeResponse: {
            /** @enum {string} */
            status: "ok" | "ready" | "not_ready";
            detail?: string;
        };
        HealthResponse: {
            /** @enum {string} */
            status: "healthy" | "unhealthy";
            /** @constant */
            service: "Breast Cancer Detection API";
            version: string;
            /**
             * @description `loaded` when the model answers; `loading` during start-up; `not_loaded` when no model is configured or found; `error` when it failed to load.
             * @enum {string}
             */
            model_status: "loaded" | "loading" | "not_loaded" | "error";
        };
        /** @enum {string} */
        Label: "Benign" | "Malignant";
        /** @description Calibrated class probabilities in percent, two decimals, summing to 100. */
        Probabilities: {
            benign: number;
            malignant: number;
        };
        /** @enum {string} */
        RiskLevelName: "Very High Risk" | "High Risk" | "Moderate-High Risk" | "Moderate Risk" | "Low-Moderate Risk" | "Low Risk" | "Very Low Risk";
        RiskAssessment: {
            level: components["schemas"]["RiskLevelName"];
            /** @enum {string} */
            icon: "🔴" | "🟠" | "🟡" | "🟢";
            color: string;
        };
        /** @description Greyscale statistics of the resized image (see the API description for the formulas). */
        ImageStatistics: {
            /** @description mean_intensity / 255 * 100 */
            brightness: number;
            /** @description std_intensity / 255 * 100 */
            contrast: number;
            mean_intensity: number;
            std_intensity: number;
        };
        ImageInfo: {
            /** @description The client's file name, sanitised (no path, no control characters, at most 255 characters). */
            filename: string;
            /** @description Width x height in pixels, after EXIF orientation. */
            size: string;
            /** @enum {string} */
            format: "JPEG" | "PNG" | "WEBP" | "TIFF" | "DICOM";
        };
        /** @constant */
        Disclaimer: "⚠️ For educational purposes only. Not for medical diagnosis.";
        PredictionResponse: {
            prediction: components["schemas"]["Label"];
            /** @description Probability of the predicted class, 0-1, four decimals. */
            confidence: number;
            probabilities: components["schemas"]["Probabilities"];
            risk_assessment: components["schemas"]["RiskAssessment"];
            image_statistics: components["schemas"]["ImageStatistics"];
            image_info: components["schemas"]["ImageInfo"];
            input_check: components["schemas"]["InputCheck"];
            screening?: components["schemas"]["ScreeningResult"];
            dicom?: components["schemas"]["DicomInfo"];
            disclaimer: components["schemas"]["Disclaimer"];
        };
        /**
         * @description The model's score map for the image: `height` rows of `width` cells over the model's
         *     input, row by row from the top left. Where a cell lies on the image: the point (u, v)
         *     of the grid, in cells (cell (c, r) spans c ≤ u ≤ c+1, r ≤ v ≤ r+1), is the image pixel
         *     (`offset_x + scale_x·u`, `offset_y + scale_y·v`), in the coordinates of `image_info.size`
         *     (after EXIF orientation). `scale_x` is negative when the model saw the image mirrored
         *     (the default model puts the chest wall on the left). With `mammogram` preprocessing the
         *     grid covers the square the breast was placed on, so cells beyond the image's edges
         *     (padding) can exist; they hold no tissue.
         */
        Heatmap: {
            /** @description Cells across. */
            width: number;
            /** @description Cells down. */
            height: number;
            /** @description `width × height` calibrated malignant probabilities, one per cell, four decimals. */
            values: number[];
            /** @description The cell with the highest value whose centre lies on the image, and that centre in image pixels. */
            peak: {
                /** @description Image pixel column of the cell's centre (one decimal). */
                x: number;
                /** @description Image pixel row of the cell's centre (one decimal). */
                y: number;
                value: number;
                column: number;
                row: number;
            };
            /** @description The mapping from grid coordinates (u, v) to image pixels: x = offset_x + scale_x·u, y = offset_y + scale_y·v. */
            grid_to_image: {
                scale_x: number;
                offset_x: number;
                scale_y: number;
                offset_y: number;
            };
            /**
             * @description `model_score_map`: the model's own score-map output, from the same forward pass as the prediction.
             * @enum {string}
             */
            source: "model_score_map";
        };
        /** @description Everything `POST /predict` returns, plus the heatmap. */
        ExplainResponse: {
            prediction: components["schemas"]["Label"];
            /** @description Probability of the predicted class, 0-1, four decimals. */
            confidence: number;
            probabilities: components["schemas"]["Probabilities"];
            risk_assessment: components["schemas"]["RiskAssessment"];
            image_statistics: components["schemas"]["ImageStatistics"];
            image_info: components["schemas"]["ImageInfo"];
            heatmap: components["schemas"]["Heatmap"];
            input_check: components["schemas"]["InputCheck"];
            screening?: components["schemas"]["ScreeningResult"];
            dicom?: components["schemas"]["DicomInfo"];
            disclaimer: components["schemas"]["Disclaimer"];
        };
        /**
         * @description What the server checked before giving this verdict: whether the upload is a mammogram
         *     this model reads. `status` is `passed` when every check passed; `warning` when one
         *     failed and the server, set to `INPUT_CHECK=warn`, gave the verdict anyway (`warning`
         *     says why, and the verdict is then not meaningful); `not_checked` when the server is
         *     set to `off`. The verdict's fields mean the same in every case.
         */
        InputCheck: {
            /**
             * @description The server's `INPUT_CHECK` setting.
             * @enum {string}
             */
            mode: "refuse" | "warn" | "off";
            /** @enum {string} */
            status: "passed" | "warning" | "not_checked";
            /** @description With `status` `warning` only, why this image does not look like a mammogram, as a sentence. */
            warning?: string;
            /** @description The rule checks that ran, in order (none when `mode` is `off`). */
            checks: components["schemas"]["InputCheckResult"][];
            /**
             * @description The model's own typicality check: the distance of the image's features to the
             *     mammograms the check was fitted on, and the threshold above which an image is
             *     refused. Null when `mode` is `off`, when the image was not classified, or when the
             *     model declares no such check (`GET /model` says so).
             */
            typicality: components["schemas"]["TypicalityResult"] | null;
        };
        InputCheckResult: {
            /**
             * @description `dicom_modality`: the DICOM Modality and SOP class (DICOM files only).
             *     `image_size`: the short side in pixels (at least 256) and the aspect ratio (at most 3).
             *     `grey_range`: grey levels from the 1st to the 99th percentile of the working image (at least 32).
             *     `colourfulness`: Hasler and Süsstrunk's colourfulness of the image (at most 12; grey is 0).
             * @enum {string}
             */
            check: "dicom_modality" | "image_size" | "grey_range" | "colourfulness";
            passed: boolean;
            /** @description What was measured (a number, or the DICOM Modality). */
            value?: number | string;
            /** @description The bound the value was held to (a number, or the modality expected). */
            limit?: number | string;
            /** @description The finding as a sentence. */
            detail: string;
        };
        TypicalityResult: {
            /** @description The image's distance to the fitted mammograms; lower is more typical. */
            score: number;
            /** @description Images scoring above this are not taken for mammograms. */
            threshold: number;
            passed: boolean;
        };
        /** @description How the server checks that an upload is a mammogram before it gives a verdict. */
        ModelInputCheck: {
            /**
             * @description The server's `INPUT_CHECK` setting.
             * @enum {string}
             */
            mode: "refuse" | "warn" | "off";
            /** @description The rule checks every image goes through, with their limits. */
            checks: {
                /** @enum {string} */
                check: "dicom_modality" | "image_size" | "grey_range" | "colourfulness";
                description: string;
            }[];
            /** @description The model's typicality check as its card declares it, or null when the model has none (then only the rule checks run). */
            typicality: components["schemas"]["ModelTypicality"] | null;
        };
        ModelTypicality: {
            method: string;
            threshold: number;
            fitted_on: string;
            /** @description Refusal rates of the whole input check (rules and typicality), per source, with their counts. */
            evaluation: {
                protocol: string;
                mammograms: components["schemas"]["RefusalRate"][];
                non_mammograms: components["schemas"]["RefusalRate"][];
            };
        };
        RefusalRate: {
            source: string;
            images: number;
            refused: number;
            rate: number;
        };
        /**
         * @description Present when the image was DICOM: what the file says about the image, never about the
         *     patient. No name, ID, birth date, accession number, institution or UID is ever read into
         *     a response, a log line or an error.
         */
        DicomInfo: {
            /** @description Modality (0008,0060), e.g. MG. */
            modality?: string;
            /**
             * @description ImageLaterality (0020,0062), else Laterality (0020,0060).
             * @enum {string}
             */
            laterality?: "L" | "R";
            /** @description ViewPosition (0018,5101), e.g. CC or MLO. */
            view?: string;
            /** @description PresentationIntentType (0008,0068); FOR PROCESSING images are refused. */
            presentation_intent?: string;
            /** @description MONOCHROME1 (inverted on reading), MONOCHROME2 or RGB. */
            photometric_interpretation: string;
            bits_stored: number;
            /** @description The name of the file's transfer syntax. */
            transfer_syntax: string;
        };
        /**
         * @description `L` left, `R` right.
         * @enum {string}
         */
        Laterality: "L" | "R";
        StudyImageSuccess: {
            filename: string;
            laterality: components["schemas"]["Laterality"];
            /** @description The view (CC, MLO, ...), when the DICOM tags or the form say it. */
            view?: string;
            /**
             * @description Where the laterality (and view) came from.
             * @enum {string}
             */
            laterality_source: "dicom" | "form";
            prediction: components["schemas"]["Label"];
            confidence: number;
            probabilities: components["schemas"]["Probabilities"];
            risk_assessment: components["schemas"]["RiskAssessment"];
            input_check: components["schemas"]["InputCheck"];
            screening?: components["schemas"]["ScreeningResult"];
            dicom?: components["schemas"]["DicomInfo"];
        };
        /** @description A combination of images by the study's rule (see `rule`), with the result's own label and risk level. */
        StudyResult: {
            /** @description How many classified images it combines. */
            images: number;
            /** @description The views it combines, in upload order (a breast's only). */
            views?: string[];
            prediction: components["schemas"]["Label"];
            probabilities: components["schemas"]["Probabilities"];
            risk_assessment: components["schemas"]["RiskAssessment"];
            /**
             * @description Present when the model's card has screening operating points. On the study: its
             *     category from the study-level points applied to its combined value, as a
             *     `ScreeningResult` with `operating_points: study`. On a breast: only its value at the
             *     server's `SCREENING_PREVALENCE` (`BreastScreening`), when that is set; no category,
             *     as no breast-level operating points were measured.
             */
            screening?: components["schemas"]["ScreeningResult"] | components["schemas"]["BreastScreening"];
        };
        StudyResponse: {
            total_images: number;
            successful: number;
            failed: number;
            /** @description One entry per uploaded file, in upload order; a file that cannot be read gets an error entry, as in `/batch-predict`. */
            results: (components["schemas"]["StudyImageSuccess"] | components["schemas"]["BatchItemError"])[];
            breasts: {
                /** @description The left breast's result, or null when none of its images was classified. */
                left: components["schemas"]["StudyResult"] | null;
                /** @description The right breast's result, or null when none of its images was classified. */
                right: components["schemas"]["StudyResult"] | null;
            };
            /** @description The study's result, or null when no image was classified. */
            study: components["schemas"]["StudyResult"] | null;
            /** @description The four standard screening views (left and right, CC and MLO) that no classified image provides. */
            missing_views: ("L-CC" | "L-MLO" | "R-CC" | "R-MLO")[];
            /** @description How the images were combined, in words. */
            rule: string;
            disclaimer: components["schemas"]["Disclaimer"];
        };
        PacsAnalysisResponse: {
            study_instance_uid: string;
            /** @description The analysis, as `POST /predict-study` answers it; each image's `filename` is its SOP Instance UID. */
            result: components["schemas"]["StudyResponse"];
            /** @description true when the study already held this model's results; nothing was stored again. */
            already_stored: boolean;
            /** @description The study's result set under this model (stored now, or before when `already_stored`). */
            stored: {
                report: components["schemas"]["StoredInstance"];
                /** @description One heatmap overlay per classified image, for a model with a score map. */
                overlays: (components["schemas"]["StoredInstance"] & {
                    source_sop_instance_uid: string;
                })[];
            };
            model: {
                name: string;
                version: string;
                sha256: string;
            };
            disclaimer: components["schemas"]["Disclaimer"];
        };
        StoredInstance: {
            series_instance_uid: string;
            sop_instance_uid: string;
            sop_class_uid: string;
        };
        /**
         * @description How a group of values becomes one. `max`: the largest; `min`: the smallest; `mean`: the
         *     arithmetic mean of the calibrated malignant probabilities; `mean_logit`: their mean on the
         *     logit scale, sigmoid(mean(logit(p))), each p first held to [1e-6, 1 − 1e-6].
         * @enum {string}
         */
        StudyAggregation: "max" | "mean" | "mean_logit" | "min";
        /**
         * @description How `POST /predict-study` combines a study's images. `breast` combines the images of one
         *     breast (one laterality); `study` combines the breasts' combined values, not the images:
         *     with `breast: min` and `study: max`, the study's value is max(min(left images), min(right
         *     images)). A study with one breast has that breast's value. Without a rule in its manifest
         *     a model is served with `max` and `max`.
         */
        StudyRule: {
            breast: components["schemas"]["StudyAggregation"];
            study: components["schemas"]["StudyAggregation"];
            /** @description How the rule was chosen, as the model's author measured it. */
            chosen_by?: string;
        };
        /**
         * @description A category read from the model's screening operating points (`GET /model`,
         *     `screening.operating_points`), the image's for an image, the study's for a study, with p
         *     the calibrated malignant probability (a study: its combined value): `likely_normal` when
         *     p is below the threshold at specificity 0.90; `elevated` from that threshold up to, not
         *     including, the threshold at specificity 0.95; `high` from the latter. It does not depend
         *     on prevalence: specificity is measured on the cancer-free alone. It is **not a BI-RADS
         *     assessment and not a diagnosis**, and `likely_normal` is no all-clear: it holds the
         *     cancers the threshold at specificity 0.90 misses, one minus its sensitivity, which for a
         *     model of modest accuracy is most of them (`GET /model`, `screening.categories`, gives
         *     this model's shares).
         * @enum {string}
         */
        ScreeningCategory: "likely_normal" | "elevated" | "high";
        /**
         * @description Present when the model's card has screening operating points. `category` comes from the
         *     operating points named by `operating_points`. `prevalence` and `malignant_probability`
         *     are there only when the server sets `SCREENING_PREVALENCE`: the calibrated malignant
         *     probability re-calibrated from the prevalence of the model's calibration data
         *     (`GET /model`, `screening.base_prevalence`) to that prevalence by a prior-shift
         *     correction: odds' = odds(p) × (π / (1 − π)) / (π₀ / (1 − π₀)). The seed-compatible
         *     fields (`prediction`, `confidence`, `probabilities`, `risk_assessment`) keep their
         *     meaning whatever the setting: the model's calibration and decision threshold. The
         *     correction is exact for an image's calibrated probability; a study's combined value is
         *     corrected as if it were one, which it only approximates (the maximum across breasts
         *     overstates it), so read a study by its category.
         */
        ScreeningResult: {
            category: components["schemas"]["ScreeningCategory"];
            /**
             * @description Which operating points the category is read from.
             * @enum {string}
             */
            operating_points: "image" | "study";
            /** @description The server's `SCREENING_PREVALENCE`. */
            prevalence?: number;
            /** @description The malignant probability at `prevalence`, six decimals. */
            malignant_probability?: number;
        };
        /**
         * @description A breast's malignant probability at the server's `SCREENING_PREVALENCE`, the same
         *     prior-shift correction as an image's (`ScreeningResult`), applied to the breast's
         *     combined value as if it were one image's calibrated probability (an approximation: a
         *     mean of calibrated probabilities is close to one, a maximum or minimum is not). No
         *     category: no operating points were measured for a breast, only for images and studies.
         */
        BreastScreening: {
            /** @description The server's `SCREENING_PREVALENCE`. */
            prevalence: number;
            /** @description The breast's combined value at `prevalence`, six decimals. */
            malignant_probability: number;
        };
        /** @description A measured proportion and its 95% confidence interval. */
        Proportion: {
            value: number;
            ci95: number[];
        };
        /** @description A threshold on the calibrated malignant probability, chosen for a target specificity, and what it achieved. */
        OperatingPoint: {
            /** @enum {number} */
            target_specificity: 0.8 | 0.9 | 0.95;
            /** @description A value at or above it is called positive at this point. */
            threshold: number;
            sensitivity: components["schemas"]["Proportion"];
            specificity: components["schemas"]["Proportion"];
        };
        /** @description One operating point per target specificity, 0.8, 0.9 and 0.95 in that order, thresholds non-decreasing. */
        OperatingPointList: components["schemas"]["OperatingPoint"][];
        /**
         * @description An operating point's predictive values at a prevalence π, from its point estimates:
         *     PPV = sens·π / (sens·π + (1 − spec)·(1 − π)), NPV = spec·(1 − π) / (spec·(1 − π) + (1 − sens)·π).
         */
        PredictiveValues: {
            /** @enum {number} */
            target_specificity: 0.8 | 0.9 | 0.95;
            /** @description Of the values called positive, the share with cancer (four decimals). */
            ppv: number;
            /** @description Of the values called negative, the share without cancer (four decimals). */
            npv: number;
        };
        /**
         * @description The model's screening operating points, measured out of fold, and what the server reads
         *     from them: the category of each image and study (`categories`), and, when the server sets
         *     `SCREENING_PREVALENCE`, predictive values at that prevalence (`at_prevalence`). Image
         *     points apply to one image's calibrated malignant probability; study points to a study's
         *     combined value by the model's `study_rule`.
         */
        ModelScreening: {
            /** @description The cancer share of the data the calibration was fitted on; the calibrated probabilities hold at this prevalence. */
            base_prevalence: number;
            /** @description The data and protocol the operating points were measured with. */
            evaluated_on: string;
            operating_points: {
                image: components["schemas"]["OperatingPointList"];
                study: components["schemas"]["OperatingPointList"];
            };
            /** @description The categories (`ScreeningCategory`), defined in words. */
            categories: string;
            /** @description Present when the server sets `SCREENING_PREVALENCE`. */
            at_prevalence?: {
                /** @description The server's `SCREENING_PREVALENCE`. */
                prevalence: number;
                image: components["schemas"]["PredictiveValues"][];
                study: components["schemas"]["PredictiveValues"][];
            };
        };
        BatchItemSuccess: {
            filename: string;
            prediction: components["schemas"]["Label"];
            /** @description Probability of the predicted class, 0-1, four decimals. */
            confidence: number;
            probabilities: components["schemas"]["Probabilities"];
            risk_assessment: components["schemas"]["RiskAssessment"];
            input_check: components["schemas"]["InputCheck"];
            screening?: components["schemas"]["ScreeningResult"];
            dicom?: components["schemas"]["DicomInfo"];
        };
        BatchItemError: {
            filename: string;
            /** @description Why this file could not be classified, as a sentence naming the file. */
            error: string;
            code: components["schemas"]["ErrorCode"];
        };
        BatchPredictionResponse: {
            total_images: number;
            successful: number;
            failed: number;
            summary: {
                malignant: number;
                benign: number;
            };
            results: (components["schemas"]["BatchItemSuccess"] | components["schemas"]["BatchItemError"])[];
            disclaimer: components["schemas"]["Disclaimer"];
        };
        /** @description A risk level applies when `min` (inclusive if `min_inclusive`) < p < `max` (inclusive if `max_inclusive`), p the malignant probability. */
        RiskLevelRule: {
            level: components["schemas"]["RiskLevelName"];
            icon: string;
            color: string;
            min: number;
            min_inclusive: boolean;
            max: number;
            max_inclusive: boolean;
        };
        Metric: {
            value: number;
            ci95?: number[];
        };
        ModelCard: {
            name: string;
            version: string;
            /** @description SHA-256 of the weights file, computed by the server at load. */
            sha256: string;
            /** @enum {string} */
            engine: "onnx" | "tfjs";
            input: {
                width: number;
                height: number;
                /** @enum {integer} */
                channels: 1 | 3;
                /** @enum {string} */
                layout: "NCHW" | "NHWC";
                /** @enum {string} */
                color: "RGB" | "GRAY";
                /** @description How pixel values are scaled, e.g. "[0,1]". */
                scaling: string;
                /**
                 * @description How an image becomes the input. `stretch`: the whole image resized to the input size, aspect not kept (the original API's way). `mammogram`: grey, light background inverted, chest wall mirrored to the left, cropped to the breast and centred on a black square (the input is square).
                 * @enum {string}
                 */
                preprocessing: "stretch" | "mammogram";
            };
            labels: components["schemas"]["Label"][];
            /** @description `prediction` is Malignant when the calibrated malignant probability is at least this. */
            decision_threshold: number;
            /** @description How raw scores become probabilities (fitted out of fold). */
            calibration?: {
                [key: string]: unknown;
            };
            risk_levels: components["schemas"]["RiskLevelRule"][];
            input_check: components["schemas"]["ModelInputCheck"];
            method: string;
            training_data: {
                name: string;
                licence: string;
                citation: string;
            } & {
                [key: string]: unknown;
            };
            evaluation: {
                protocol: string;
                roc_auc: components["schemas"]["Metric"];
            } & {
                [key: string]: unknown;
            };
            intended_use: string;
            limitations: string[];
            disclaimer: string;
            created?: string;
            study_rule?: components["schemas"]["StudyRule"];
            screening?: components["schemas"]["ModelScreening"];
            /** @description Present when the model gives, in the same forward pass as its score, a grid of raw logits (before calibration) over its input, e.g. a class-activation map. */
            score_map?: {
                /** @description The model's output that holds the grid. */
                name: string;
                /**
                 * @description `logit_grid`: one logit per cell, on the scale of the image's raw score.
                 * @enum {string}
                 */
                kind: "logit_grid";
                /** @description Cells across, measured when the model was loaded. */
                width: number;
                /** @description Cells down, measured when the model was loaded. */
                height: number;
            };
        };
    };
    responses: {
        /**
         * @description The request cannot be used: no file, an empty file, a file that is not a supported
         *     image (the file is named and the reason given), more than 10 files, or an
         *     unexpected multipart field, or a query parameter out of range (INVALID_PARAMETER).
         */
        BadRequest: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "detail": "No file uploaded: send the image in the multipart field 'file'.",
                 *       "code": "MISSING_FILE"
                 *     }
                 */
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description The path exists but not with this method; `Allow` lists the methods it takes. */
        MethodNotAllowed: {
            headers: {
                Allow?: string;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /**
         * @description A file or the whole request is larger than the configured limit (named in `detail`). A
         *     request is measured by its Content-Length before anything is read, and a chunked body
         *     (no Content-Length) is counted as it arrives: it is refused as soon as it passes the
         *     limit, and the rest is not read (the answer carries `Connection: close`).
         */
        PayloadTooLarge: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "detail": "File too large: the limit is 52428800 bytes per file.",
                 *       "code": "PAYLOAD_TOO_LARGE"
                 *     }
                 */
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description The request body is not `multipart/form-data`. */
        UnsupportedMediaType: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description An unexpected failure. The body never holds a stack trace or a path; the request id identifies it in the server's log. */
        InternalError: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description API keys are configured and the request carried none, or a wrong one (`Authorization: Bearer <key>` or `X-API-Key`). */
        Unauthorized: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                "WWW-Authenticate"?: string;
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "detail": "An API key is required: send Authorization: Bearer <key> or X-API-Key.",
                 *       "code": "UNAUTHORIZED"
                 *     }
                 */
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /**
         * @description The request cannot be served now; `code` says why and `Retry-After` when to try again:
         *     MODEL_UNAVAILABLE (the model is missing, broken or still loading); OVERLOADED (too many
         *     requests are in progress, which is answered at once, or the uploads held in memory have
         *     reached the server's budget and no room came within about 2 seconds: load is shed
         *     rather than queued without bound); TIMEOUT (the request passed its deadline; its upload
         *     and inference are abandoned, and the answer carries `Connection: close`);
         *     INFERENCE_INTERRUPTED (the inference worker holding it crashed or hung and was
         *     replaced); SHUTTING_DOWN (the server is stopping: for a grace period after SIGTERM it
         *     still answers, with this code and `Connection: close`, rather than refusing
         *     connections; requests it had accepted before are completed).
         */
        ServiceUnavailable: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                "Retry-After": components["headers"]["Retry-After"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "detail": "The server is at capacity (64 requests in progress); retry after 1 second.",
                 *       "code": "OVERLOADED"
                 *     }
                 */
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /**
         * @description The upload is an image, but not a mammogram this model reads, and the server's
         *     `INPUT_CHECK` is `refuse` (the default). `detail` names the file and says what it is or
         *     which check it failed: a DICOM Modality other than MG ("Modality NM (nuclear
         *     medicine); this model reads mammograms (MG)"), an image too small, blank or in colour,
         *     or an image that the model's typicality check finds unlike any mammogram it was fitted
         *     on (the score and the threshold are named). No verdict is given.
         */
        NotAMammogram: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "detail": "scan.dcm: not a mammogram. Modality NM (nuclear medicine); this model reads mammograms (MG).",
                 *       "code": "NOT_A_MAMMOGRAM"
                 *     }
                 */
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /** @description The model is not loaded (missing, broken or still loading); `detail` says which. */
        ModelUnavailable: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "detail": "The model is not available: model file not found.",
                 *       "code": "MODEL_UNAVAILABLE"
                 *     }
                 */
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
        /**
         * @description The PACS operation failed: `code` says why (`STUDY_NOT_FOUND`, `STUDY_NOT_ANALYSABLE`,
         *     `PACS_NOT_CONFIGURED`, `PACS_UNAVAILABLE`, `PACS_TIMEOUT`); the last two carry
         *     `Retry-After`.
         */
        PacsError: {
            headers: {
                "X-Request-Id": components["headers"]["X-Request-Id"];
                "Retry-After": components["headers"]["Retry-After"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "detail": "The PACS has no study 1.2.826.0.1.3680043.10.1001.7.",
                 *       "code": "STUDY_NOT_FOUND"
                 *     }
                 */
                "application/json": components["schemas"]["ErrorResponse"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: {
        /** @description Seconds to wait before retrying. */
        "Retry-After": string;
        /** @description Identifier of this request, also written to the server's log. A client may send its own (1-128 characters of `A-Za-z0-9._-`), which is then echoed. */
        "X-Request-Id": string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The service is up and the model is loaded. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "healthy",
                     *       "service": "Breast Cancer Detection API",
                     *       "version": "1.0.0",
                     *       "model_status": "loaded"
                     *     }
                     */
                    "application/json": components["schemas"]["HealthResponse"];
                };
            };
            405: components["responses"]["MethodNotAllowed"];
            /** @description The model is not loaded (still loading, missing or broken); predictions would fail. */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "unhealthy",
                     *       "service": "Breast Cancer Detection API",
                     *       "version": "1.0.0",
                     *       "model_status": "error"
                     *     }
                     */
                    "application/json": components["schemas"]["HealthResponse"];
                };
            };
        };
    };
    getLiveness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The process is up. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "ok"
                     *     }
                     */
                    "application/json": components["schemas"]["ProbeResponse"];
                };
            };
            405: components["responses"]["MethodNotAllowed"];
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready for traffic. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "ready"
                     *     }
                     */
                    "application/json": components["schemas"]["ProbeResponse"];
                };
            };
            405: components["responses"]["MethodNotAllowed"];
            /** @description Not ready; `detail` says why. */
            503: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    "Retry-After": components["headers"]["Retry-After"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "not_ready",
                     *       "detail": "the model is still loading."
                     *     }
                     */
                    "application/json": components["schemas"]["ProbeResponse"];
                };
            };
        };
    };
    predict: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /**
                     * Format: binary
                     * @description The image (JPEG, PNG, WebP, TIFF or DICOM).
                     */
                    file: Blob;
                };
            };
        };
        responses: {
            /** @description The model's prediction for the image. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "prediction": "Benign",
                     *       "confidence": 0.9234,
                     *       "probabilities": {
                     *         "benign": 92.34,
                     *         "malignant": 7.66
                     *       },
                     *       "risk_assessment": {
                     *         "level": "Very Low Risk",
                     *         "icon": "🟢",
                     *         "color": "#00aa00"
                     *       },
                     *       "image_statistics": {
                     *         "brightness": 45.2,
                     *         "contrast": 18.5,
                     *         "mean_intensity": 115.3,
                     *         "std_intensity": 47.2
                     *       },
                     *       "image_info": {
                     *         "filename": "mammogram.jpg",
                     *         "size": "1024x768",
                     *         "format": "JPEG"
                     *       },
                     *       "input_check": {
                     *         "mode": "refuse",
                     *         "status": "passed",
                     *         "checks": [
                     *           {
                     *             "check": "image_size",
                     *             "passed": true,
                     *             "value": 768,
                     *             "limit": 256,
                     *             "detail": "The image is 1024x768 px: large enough, and not too elongated, for a mammogram."
                     *           },
                     *           {
                     *             "check": "grey_range",
                     *             "passed": true,
                     *             "value": 201,
                     *             "limit": 32,
                     *             "detail": "Its grey levels span 201 levels (1st to 99th percentile)."
                     *           },
                     *           {
                     *             "check": "colourfulness",
                     *             "passed": true,
                     *             "value": 0.4,
                     *             "limit": 12,
                     *             "detail": "It is grey (colourfulness 0.4)."
                     *           }
                     *         ],
                     *         "typicality": {
                     *           "score": 18.5857,
                     *           "threshold": 38.9303,
                     *           "passed": true
                     *         }
                     *       },
                     *       "disclaimer": "⚠️ For educational purposes only. Not for medical diagnosis."
                     *     }
                     */
                    "application/json": components["schemas"]["PredictionResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            405: components["responses"]["MethodNotAllowed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["NotAMammogram"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    batchPredict: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    files: Blob[];
                };
            };
        };
        responses: {
            /** @description One entry per uploaded file, in upload order. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "total_images": 4,
                     *       "successful": 2,
                     *       "failed": 2,
                     *       "summary": {
                     *         "malignant": 1,
                     *         "benign": 1
                     *       },
                     *       "results": [
                     *         {
                     *           "filename": "image1.jpg",
                     *           "prediction": "Benign",
                     *           "confidence": 0.89,
                     *           "probabilities": {
                     *             "benign": 89,
                     *             "malignant": 11
                     *           },
                     *           "risk_assessment": {
                     *             "level": "Low Risk",
                     *             "icon": "🟢",
                     *             "color": "#33cc33"
                     *           },
                     *           "input_check": {
                     *             "mode": "refuse",
                     *             "status": "passed",
                     *             "checks": [
                     *               {
                     *                 "check": "image_size",
                     *                 "passed": true,
                     *                 "value": 640,
                     *                 "limit": 256,
                     *                 "detail": "The image is 640x640 px."
                     *               },
                     *               {
                     *                 "check": "grey_range",
                     *                 "passed": true,
                     *                 "value": 214,
                     *                 "limit": 32,
                     *                 "detail": "Its grey levels span 214 levels (1st to 99th percentile)."
                     *               },
                     *               {
                     *                 "check": "colourfulness",
                     *                 "passed": true,
                     *                 "value": 0.3,
                     *                 "limit": 12,
                     *                 "detail": "It is grey (colourfulness 0.3)."
                     *               }
                     *             ],
                     *             "typicality": {
                     *               "score": 16.1,
                     *               "threshold": 38.9303,
                     *               "passed": true
                     *             }
                     *           }
                     *         },
                     *         {
                     *           "filename": "image2.jpg",
                     *           "prediction": "Malignant",
                     *           "confidence": 0.76,
                     *           "probabilities": {
                     *             "benign": 24,
                     *             "malignant": 76
                     *           },
                     *           "risk_assessment": {
                     *             "level": "High Risk",
                     *             "icon": "🟠",
                     *             "color": "#ff8000"
                     *           },
                     *           "input_check": {
                     *             "mode": "refuse",
                     *             "status": "passed",
                     *             "checks": [
                     *               {
                     *                 "check": "image_size",
                     *                 "passed": true,
                     *                 "value": 640,
                     *                 "limit": 256,
                     *                 "detail": "The image is 640x640 px."
                     *               },
                     *               {
                     *                 "check": "grey_range",
                     *                 "passed": true,
                     *                 "value": 214,
                     *                 "limit": 32,
                     *                 "detail": "Its grey levels span 214 levels (1st to 99th percentile)."
                     *               },
                     *               {
                     *                 "check": "colourfulness",
                     *                 "passed": true,
                     *                 "value": 0.3,
                     *                 "limit": 12,
                     *                 "detail": "It is grey (colourfulness 0.3)."
                     *               }
                     *             ],
                     *             "typicality": {
                     *               "score": 16.1,
                     *               "threshold": 38.9303,
                     *               "passed": true
                     *             }
                     *           }
                     *         },
                     *         {
                     *           "filename": "notes.pdf",
                     *           "error": "notes.pdf: unsupported image format (pdf); send JPEG, PNG, WebP or TIFF.",
                     *           "code": "UNSUPPORTED_IMAGE"
                     *         },
                     *         {
                     *           "filename": "cat.jpg",
                     *           "error": "cat.jpg: not a mammogram. The image is in colour (colourfulness 48.2; a mammogram is grey, at most 12).",
                     *           "code": "NOT_A_MAMMOGRAM"
                     *         }
                     *       ],
                     *       "disclaimer": "⚠️ For educational purposes only. Not for medical diagnosis."
                     *     }
                     */
                    "application/json": components["schemas"]["BatchPredictionResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            405: components["responses"]["MethodNotAllowed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    predictStudy: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    files: Blob[];
                    /** @description One per file, in upload order; `L`, `R`, or empty to take the DICOM tag. */
                    laterality?: ("L" | "R" | "")[];
                    /** @description One per file, in upload order; the view (e.g. `CC`, `MLO`), or empty to take the DICOM tag. */
                    view?: string[];
                };
            };
        };
        responses: {
            /** @description A result per image, per breast and for the study. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StudyResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            405: components["responses"]["MethodNotAllowed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    explain: {
        parameters: {
            query?: {
                /** @description With `Accept: image/png`, the heatmap's opacity over the image, 0 (the image alone) to 1. Ignored for JSON. */
                opacity?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /**
                     * Format: binary
                     * @description The image (JPEG, PNG, WebP, TIFF or DICOM).
                     */
                    file: Blob;
                };
            };
        };
        responses: {
            /** @description The prediction with its heatmap (JSON), or the overlay (PNG), as `Accept` asks; JSON when `Accept` is absent or `*\/*`. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    /** @description With `image/png` only, the predicted label. */
                    "X-Prediction"?: components["schemas"]["Label"];
                    /** @description With `image/png` only, the malignant probability in percent (as `probabilities.malignant`). */
                    "X-Malignant-Probability"?: string;
                    /** @description With `image/png` only, the risk level's name. */
                    "X-Risk-Level"?: components["schemas"]["RiskLevelName"];
                    /** @description With `image/png` only, `input_check.status`: `passed`, `warning` (the overlay then says first that the image is not taken for a mammogram) or `not_checked`. */
                    "X-Input-Check"?: "passed" | "warning" | "not_checked";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExplainResponse"];
                    "image/png": Blob;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            405: components["responses"]["MethodNotAllowed"];
            /** @description `Accept` names neither `application/json` nor `image/png`. */
            406: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "detail": "This endpoint answers application/json or image/png; the request accepts neither (Accept: text/csv).",
                     *       "code": "NOT_ACCEPTABLE"
                     *     }
                     */
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            /**
             * @description `EXPLANATION_UNAVAILABLE`: the served model has no score-map output, so it cannot
             *     explain; `detail` names the model, and the upload is not read.
             *     `NOT_A_MAMMOGRAM`: the upload is not a mammogram this model reads (see
             *     `POST /predict`); no heatmap is drawn for it.
             */
            422: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    analyzePacsStudy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The study's Study Instance UID (digits and dots, at most 64 characters). */
                StudyInstanceUID: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The study's analysis and the UIDs of its results in the PACS. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PacsAnalysisResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["PacsError"];
            405: components["responses"]["MethodNotAllowed"];
            422: components["responses"]["PacsError"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["PacsError"];
            503: components["responses"]["ServiceUnavailable"];
            504: components["responses"]["PacsError"];
        };
    };
    getModel: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The model card. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelCard"];
                };
            };
            401: components["responses"]["Unauthorized"];
            405: components["responses"]["MethodNotAllowed"];
            503: components["responses"]["ModelUnavailable"];
        };
    };
    getMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The metrics; `Content-Type: text/plain; version=0.0.4; charset=utf-8`. */
            200: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example # HELP bcd_images_classified_total Images classified, by predicted label.
                     *     # TYPE bcd_images_classified_total counter
                     *     bcd_images_classified_total{label="Benign"} 12
                     *     bcd_images_classified_total{label="Malignant"} 3
                     */
                    "text/plain": string;
                };
            };
            401: components["responses"]["Unauthorized"];
            /** @description Metrics are turned off (`METRICS_ENABLED=false`). */
            404: {
                headers: {
                    "X-Request-Id": components["headers"]["X-Request-Id"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            405: components["responses"]["MethodNotAllowed"];
        };
    };
    getOpenApiJson: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The OpenAPI document. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        openapi: string;
                        info: Record<string, never>;
                        paths: Record<string, never>;
                    };
                };
            };
            405: components["responses"]["MethodNotAllowed"];
        };
    };
    getOpenApiYaml: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The OpenAPI document, as written. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/yaml": string;
                };
            };
            405: components["responses"]["MethodNotAllowed"];
        };
    };
    getSwaggerUi: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description HTML page. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            405: components["responses"]["MethodNotAllowed"];
        };
    };
    getRedoc: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description HTML page. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            405: components["responses"]["MethodNotAllowed"];
        };
    };
    getDocsAsset: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                asset: "swagger-ui.css" | "swagger-ui-bundle.js" | "swagger-init.js" | "redoc.standalone.js";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/css": string;
                    "application/javascript": string;
                };
            };
            /** @description No such asset. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            405: components["responses"]["MethodNotAllowed"];
        };
    };
    getDemo: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The page. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description This server was composed without the demo page (a server built on `@bcd-api/http` alone), or the page is not built. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            405: components["responses"]["MethodNotAllowed"];
        };
    };
    getDemoAsset: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                asset: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file; its name carries a hash of its content, so it is cached for a year. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/javascript": string;
                    "text/css": string;
                    "image/svg+xml": string;
                };
            };
            /** @description No such asset. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            405: components["responses"]["MethodNotAllowed"];
        };
    };
}
