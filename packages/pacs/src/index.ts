// The public face of @bcd-api/pacs: named re-exports only.
export {};
