import { IMPORT_COLUMNS } from '@bdhv/contracts';

type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** Two realistic rows (unit codes of the demo tree); audiences are separated by ";". Unit codes must match the unit tree. */
const exampleRows: Record<ImportColumn, string>[] = [
  {
    full_name: 'Nguyễn Văn An',
    phone: '0912 345 678',
    email: 'an.nv@langson.gov.vn',
    unit_code: 'SNV',
    audiences: 'official;communications',
    position: 'Chuyên viên',
    citizen_id: '020190001234',
  },
  {
    full_name: 'Hoàng Thị Lan',
    phone: '',
    email: 'lan.ht@langson.gov.vn',
    unit_code: 'X-BACSON',
    audiences: 'official',
    position: 'Công chức Văn hóa - Xã hội',
    citizen_id: '',
  },
];

function csvCell(value: string): string {
  return /[",;\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The template file: header from IMPORT_COLUMNS and two example rows, CRLF line ends. */
export function buildImportTemplateCsv(): string {
  const lines = [IMPORT_COLUMNS.join(','), ...exampleRows.map((row) => IMPORT_COLUMNS.map((column) => csvCell(row[column])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * A data: URL for the template. The byte-order mark makes Excel read the Vietnamese text as
 * UTF-8 instead of the system code page.
 */
export function importTemplateHref(): string {
  return `data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${buildImportTemplateCsv()}`)}`;
}

export const IMPORT_TEMPLATE_FILE_NAME = 'mau-nhap-can-bo.csv';
