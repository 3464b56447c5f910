// Generated from openapi.yaml by packages/contract/scripts/generate.mjs. Do not edit.
// Change openapi.yaml and run `pnpm generate` instead.
import type { openapiDocument } from './document.js';

type Document = typeof openapiDocument;

/** The version of the API, `info.version`. */
export const API_VERSION: Document["info"]["version"] = "1.0.0";

/** The service name `GET /health` reports (`HealthResponse.service`). */
export const SERVICE_NAME: Document["components"]["schemas"]["HealthResponse"]["properties"]["service"]["const"] = "Breast Cancer Detection API";

/** The disclaimer every prediction carries (`Disclaimer`). */
export const DISCLAIMER: Document["components"]["schemas"]["Disclaimer"]["const"] = "⚠️ For educational purposes only. Not for medical diagnosis.";

/** The most files one `POST /batch-predict` takes (`maxItems` of its `files`). */
export const MAX_BATCH_FILES: Document["paths"]["/batch-predict"]["post"]["requestBody"]["content"]["multipart/form-data"]["schema"]["properties"]["files"]["maxItems"] = 10;

/** The most files one `POST /predict-study` takes (`maxItems` of its `files`). */
export const MAX_STUDY_FILES: Document["paths"]["/predict-study"]["post"]["requestBody"]["content"]["multipart/form-data"]["schema"]["properties"]["files"]["maxItems"] = 8;

/** The risk level names, most severe first (`RiskLevelName`). */
export const RISK_LEVEL_NAMES: Document["components"]["schemas"]["RiskLevelName"]["enum"] = ["Very High Risk","High Risk","Moderate-High Risk","Moderate Risk","Low-Moderate Risk","Low Risk","Very Low Risk"];

/** The icons a risk assessment may carry (`RiskAssessment.icon`). */
export const RISK_ICONS: Document["components"]["schemas"]["RiskAssessment"]["properties"]["icon"]["enum"] = ["🔴","🟠","🟡","🟢"];

/** The heatmap opacity of `POST /explain` when none is asked for (the default of its `opacity`). */
export const DEFAULT_HEATMAP_OPACITY: Document["paths"]["/explain"]["post"]["parameters"][0]["schema"]["default"] = 0.45;

/** The sides of a breast (`Laterality`). */
export const LATERALITIES: Document["components"]["schemas"]["Laterality"]["enum"] = ["L","R"];

/** The four standard screening views a study may miss (`StudyResponse.missing_views`). */
export const STANDARD_VIEWS: Document["components"]["schemas"]["StudyResponse"]["properties"]["missing_views"]["items"]["enum"] = ["L-CC","L-MLO","R-CC","R-MLO"];

/** The target specificities of a model's screening operating points, in their order (`OperatingPoint.target_specificity`). */
export const SCREENING_SPECIFICITIES: Document["components"]["schemas"]["OperatingPoint"]["properties"]["target_specificity"]["enum"] = [0.8,0.9,0.95];

/** The path templates open without an API key: those whose operations declare no `security`. */
export const OPEN_PATHS: ReadonlyArray<keyof Document['paths']> = ["/health","/health/live","/health/ready","/openapi.json","/openapi.yaml","/","/redoc","/docs/{asset}","/demo","/demo/assets/{asset}"];
