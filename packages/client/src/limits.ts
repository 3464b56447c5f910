import { MAX_BATCH_FILES, MAX_STUDY_FILES } from '@bcd-api/contract';

/**
 * The server's limit of files per `POST /batch-predict`: the contract's `MAX_BATCH_FILES`
 * (`maxItems` in openapi.yaml), inlined at build time.
 */
export const MAX_FILES_PER_REQUEST: typeof MAX_BATCH_FILES = MAX_BATCH_FILES;

/** The most images one study takes (the contract's `maxItems`). */
export const MAX_STUDY_IMAGES: typeof MAX_STUDY_FILES = MAX_STUDY_FILES;
