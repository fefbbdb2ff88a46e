/**
 * The private headers by which the Upload to OSS node tells the credential's authenticate that a request is an OSS
 * request, and for which bucket, object and region to sign it. The credential removes them before sending.
 */
export const OSS_BUCKET_HEADER = 'x-n8n-oss-bucket';
export const OSS_KEY_HEADER = 'x-n8n-oss-key';
export const OSS_REGION_HEADER = 'x-n8n-oss-region';
