// Public surface of the imports feature; app/ imports only from here.
export { downloadImportReport, importReportUrl, useDownloadImportReport } from './api/download-import-report';
export { getImport, getImportQueryOptions, IMPORT_POLL_INTERVAL_MS, useImportJob } from './api/get-import';
export { importsQueryKeys, isImportActive } from './api/keys';
export { getImportsQueryOptions, listImports, useImports } from './api/list-imports';
export { uploadImport, useUploadImport } from './api/upload-import';
export { ImportPanel } from './components/import-panel';
export { buildImportTemplateCsv, importTemplateHref } from './utils/template';
