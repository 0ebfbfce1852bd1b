import { IMPORT_COLUMNS } from '@bdhv/contracts';
import { parse } from 'csv-parse';
import * as ExcelJS from 'exceljs';
import * as fs from 'node:fs';

export type ImportFileKind = 'csv' | 'xlsx';
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
export type RawRow = Record<ImportColumn, string>;

/** One non-empty data row. `rowNumber` is the row as the spreadsheet shows it (the header is row 1). */
export interface ImportRow {
  rowNumber: number;
  raw: RawRow;
}

/**
 * The file cannot be read as an import. At upload it becomes a 4xx answer; in the job it fails the
 * import. Messages are Vietnamese: they reach the person who uploaded the file.
 */
export class ImportFileError extends Error {
  constructor(
    readonly problem: 'type' | 'encoding' | 'header' | 'empty' | 'unreadable',
    message: string,
  ) {
    super(message);
    this.name = 'ImportFileError';
  }
}

const REQUIRED_COLUMNS: ImportColumn[] = ['full_name', 'unit_code', 'audiences'];
const IDENTIFIER_COLUMNS: ImportColumn[] = ['phone', 'email', 'citizen_id'];
/** Longest value kept from one cell: longer ones are invalid anyway and must not bloat the report. */
const MAX_CELL_CHARS = 500;

export function kindFromFileName(fileName: string): ImportFileKind | null {
  const m = /\.(csv|xlsx)$/i.exec(fileName.trim());
  return m ? (m[1].toLowerCase() as ImportFileKind) : null;
}

/**
 * Checks the content, not the name. An .xlsx must be a ZIP whose directory holds
 * xl/workbook.xml and a worksheet; its rows (and header) are read by the job, because exceljs can
 * only reach the first row of an Excel-written file after extracting the whole sheet. A .csv must
 * be UTF-8 text with the expected header and at least one data row. Throws ImportFileError.
 */
export async function inspectImportFile(filePath: string, kind: ImportFileKind): Promise<void> {
  const head = await readAt(filePath, 0, 4096);
  if (head.length === 0) throw new ImportFileError('empty', 'Tệp tải lên đang trống.');
  const isZip = head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  if (kind === 'xlsx') {
    const names = isZip ? await zipEntryNames(filePath) : null;
    if (!names?.includes('xl/workbook.xml') || !names.some((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))) {
      throw new ImportFileError('type', 'Tệp không phải bảng tính Excel (.xlsx) hợp lệ. Hãy lưu tệp ở định dạng Excel Workbook (.xlsx) hoặc CSV UTF-8.');
    }
    return;
  }
  if (isZip) throw new ImportFileError('type', 'Tệp này là bảng tính Excel, không phải CSV. Hãy đặt đuôi .xlsx hoặc lưu lại dưới dạng CSV UTF-8.');
  await assertUtf8Text(filePath);
  const rows = readImportRows(filePath, kind);
  try {
    const first = await rows.next();
    if (first.done) throw noDataRows();
  } finally {
    await rows.return(undefined);
  }
}

export const noDataRows = () => new ImportFileError('empty', 'Tệp chỉ có dòng tiêu đề, chưa có dòng dữ liệu nào.');

/**
 * Streams the data rows of the first worksheet (XLSX) or of the file (CSV), skipping empty rows.
 * Rows are not held in memory (an XLSX's shared-strings table is). Read to the end when possible:
 * for XLSX, stopping early leaves exceljs's temporary copy of the sheet until the process exits.
 * Throws ImportFileError for a missing or wrong header and for a file that cannot be parsed.
 */
export async function* readImportRows(filePath: string, kind: ImportFileKind): AsyncGenerator<ImportRow> {
  yield* kind === 'xlsx' ? readXlsx(filePath) : readCsv(filePath);
}

async function* readCsv(filePath: string): AsyncGenerator<ImportRow> {
  const delimiter = detectDelimiter((await readAt(filePath, 0, 64 * 1024)).toString('utf8'));
  const input = fs.createReadStream(filePath);
  const parser = input.pipe(
    parse({ bom: true, delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, info: false }),
  );
  input.on('error', (err) => parser.destroy(err));
  let columns: Map<ImportColumn, number> | null = null;
  // Records, not lines: a quoted cell spanning lines is one row, as Excel shows it.
  let rowNumber = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      rowNumber++;
      const cells = record.map((c) => String(c ?? ''));
      if (cells.every((c) => c.trim() === '')) continue;
      if (!columns) {
        columns = mapHeader(cells);
        continue;
      }
      yield { rowNumber, raw: pick(cells, columns) };
    }
  } catch (err) {
    if (err instanceof ImportFileError) throw err;
    const line = (err as { lines?: number }).lines;
    throw new ImportFileError('unreadable', `Không đọc được tệp CSV${line ? ` (lỗi gần dòng ${line})` : ''}: kiểm tra dấu ngoặc kép và dấu phân cách.`);
  } finally {
    input.destroy();
  }
  if (!columns) throw new ImportFileError('empty', 'Tệp không có dòng tiêu đề và dữ liệu.');
}

async function* readXlsx(filePath: string): AsyncGenerator<ImportRow> {
  const input = fs.createReadStream(filePath);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  let columns: Map<ImportColumn, number> | null = null;
  let headerError: unknown = null;
  let sheets = 0;
  try {
    // Every sheet is read to its end, even though only the first is imported: exceljs extracts
    // sheets stored before the shared strings (as Excel stores them) to temporary files and
    // deletes each one only when the iteration moves past it. For the same reason a wrong header
    // is reported after the loop, not by leaving it.
    for await (const sheet of reader) {
      sheets++;
      for await (const row of sheet) {
        if (sheets > 1 || headerError) continue;
        const values = Array.isArray(row.values) ? row.values.slice(1) : [];
        const cells = values.map(cellText);
        if (cells.every((c) => c.trim() === '')) continue;
        if (!columns) {
          try {
            columns = mapHeader(cells);
          } catch (err) {
            headerError = err;
          }
          continue;
        }
        yield { rowNumber: row.number, raw: pick(cells, columns) };
      }
    }
  } catch {
    throw new ImportFileError('unreadable', 'Không đọc được tệp Excel: tệp bị hỏng hoặc không phải định dạng .xlsx.');
  } finally {
    input.destroy();
  }
  if (headerError) throw headerError;
  if (sheets === 0) throw new ImportFileError('type', 'Tệp không phải bảng tính Excel (.xlsx) hợp lệ: không tìm thấy trang tính nào.');
  if (!columns) throw new ImportFileError('empty', 'Trang tính đầu tiên không có dòng tiêu đề và dữ liệu.');
}

/** Header cells to column positions; tolerant of case, spaces and a stray BOM. */
export function mapHeader(cells: string[]): Map<ImportColumn, number> {
  const known = new Set<string>(IMPORT_COLUMNS);
  const columns = new Map<ImportColumn, number>();
  cells.forEach((cell, i) => {
    const name = cell.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/[\s-]+/g, '_');
    if (known.has(name) && !columns.has(name as ImportColumn)) columns.set(name as ImportColumn, i);
  });
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.has(c));
  const noIdentifier = !IDENTIFIER_COLUMNS.some((c) => columns.has(c));
  if (missing.length || noIdentifier) {
    const lacking = [...missing, ...(noIdentifier ? ['phone/email/citizen_id'] : [])].join(', ');
    throw new ImportFileError(
      'header',
      `Dòng tiêu đề không đúng mẫu: thiếu cột ${lacking}. Dòng đầu tiên cần có các cột: ${IMPORT_COLUMNS.join(', ')}.`,
    );
  }
  return columns;
}

function pick(cells: string[], columns: Map<ImportColumn, number>): RawRow {
  const raw = {} as RawRow;
  for (const column of IMPORT_COLUMNS) {
    const i = columns.get(column);
    raw[column] = i === undefined ? '' : (cells[i] ?? '').slice(0, MAX_CELL_CHARS);
  }
  return raw;
}

/** Whatever exceljs gives for a cell (text, number, rich text, hyperlink, formula, date) as text. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if (v.text !== undefined) return cellText(v.text);
    if ('result' in v) return cellText(v.result);
    if (v.error) return v.error;
  }
  return '';
}

/** Comma unless the header line clearly uses semicolons or tabs (Excel in some locales). */
export function detectDelimiter(head: string): string {
  const firstLine = head.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const count = (ch: string) => firstLine.split(ch).length - 1;
  const candidates: [string, number][] = [[',', count(',')], [';', count(';')], ['\t', count('\t')]];
  candidates.sort((a, b) => b[1] - a[1]);
  return candidates[0][1] > 0 ? candidates[0][0] : ',';
}

async function readAt(filePath: string, position: number, bytes: number): Promise<Buffer> {
  const handle = await fs.promises.open(filePath, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, position);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Entry names from a ZIP file's central directory, without decompressing anything; null when the
 * directory cannot be found or read. (ZIP64 is not needed below 4 GiB and 65,535 entries.)
 */
export async function zipEntryNames(filePath: string): Promise<string[] | null> {
  const { size } = await fs.promises.stat(filePath);
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = await readAt(filePath, size - tailLength, tailLength);
  let end = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const entries = tail.readUInt16LE(end + 10);
  const directorySize = tail.readUInt32LE(end + 12);
  const directoryOffset = tail.readUInt32LE(end + 16);
  if (directoryOffset + directorySize > size) return null;
  const directory = await readAt(filePath, directoryOffset, directorySize);
  const names: string[] = [];
  let p = 0;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > directory.length || directory.readUInt32LE(p) !== 0x02014b50) return null;
    const nameLength = directory.readUInt16LE(p + 28);
    const extraLength = directory.readUInt16LE(p + 30);
    const commentLength = directory.readUInt16LE(p + 32);
    names.push(directory.toString('utf8', p + 46, p + 46 + nameLength));
    p += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** The whole file must decode as UTF-8 and contain no NUL bytes (binary files renamed .csv). */
async function assertUtf8Text(filePath: string): Promise<void> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of fs.createReadStream(filePath, { highWaterMark: 256 * 1024 })) {
      if ((chunk as Buffer).includes(0)) throw new TypeError('NUL byte');
      decoder.decode(chunk as Buffer, { stream: true });
    }
    decoder.decode();
  } catch {
    throw new ImportFileError(
      'encoding',
      'Tệp CSV phải là văn bản mã hoá UTF-8. Trong Excel, chọn Lưu thành › "CSV UTF-8 (Comma delimited)", hoặc tải lên tệp .xlsx.',
    );
  }
}
