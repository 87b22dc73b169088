export { beginDatasetUpload, type DatasetUpload, type DatasetUploadInput, type DatasetSummary } from './upload.ts';
export { getDataset, datasetsByIds, listDatasets, readDatasetBytes } from './datasets.ts';
export { datasetStorage, postgresStorage, CHUNK_BYTES, type DatasetStorage, type BlobWriter, type StoredBlob } from './storage.ts';
