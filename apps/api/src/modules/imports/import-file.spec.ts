import * as ExcelJS from 'exceljs';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cellText, detectDelimiter, ImportFileError, inspectImportFile, kindFromFileName, mapHeader, readImportRows, zipEntryNames } from './import-file';

describe('import files', () => {
  let dir: string;
  beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bdhv-import-file-'))));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, content: string | Buffer) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return file;
  };
  const collect = async (file: string) => {
    const rows = [];
    for await (const r of readImportRows(file, 'csv')) rows.push(r);
    return rows;
  };

  it('knows the two accepted extensions', () => {
    expect(kindFromFileName('Danh sách.XLSX')).toBe('xlsx');
    expect(kindFromFileName('a.csv')).toBe('csv');
    expect(kindFromFileName('a.xls')).toBeNull();
  });

  it('maps a header in any order and case, and names missing columns', () => {
    const columns = mapHeader(['\uFEFFEmail', 'Full Name', 'unit_code', 'AUDIENCES', 'ghi_chu']);
    expect(columns.get('email')).toBe(0);
    expect(columns.get('full_name')).toBe(1);
    expect(() => mapHeader(['full_name', 'unit_code'])).toThrow(/thiếu cột audiences, phone\/email\/citizen_id/);
  });

  it('numbers rows as the spreadsheet shows them: header is row 1, blank rows and multi-line cells count once', async () => {
    const file = write('rows.csv', '\uFEFFfull_name,phone,unit_code,audiences\r\nAn,0912345678,LS,official\r\n\r\n"Bình\nHai dòng",0912345679,LS,official\r\nCư\r\n');
    const rows = await collect(file);
    expect(rows.map((r) => [r.rowNumber, r.raw.full_name, r.raw.phone])).toEqual([
      [2, 'An', '0912345678'],
      [4, 'Bình\nHai dòng', '0912345679'],
      [5, 'Cư', ''],
    ]);
    expect(rows[0].raw.citizen_id).toBe('');
  });

  it('reads semicolon-separated files', async () => {
    expect(detectDelimiter('full_name;phone;unit_code;audiences\r\n')).toBe(';');
    expect(detectDelimiter('full_name,phone\n')).toBe(',');
    const rows = await collect(write('semi.csv', 'full_name;phone;unit_code;audiences\nAn;0912345678;LS;official,press\n'));
    expect(rows[0].raw.audiences).toBe('official,press');
  });

  it('turns a broken CSV into a Vietnamese error naming the line', async () => {
    const file = write('broken.csv', 'full_name,phone,unit_code,audiences\nAn,"0912,LS,official\n');
    await expect(collect(file)).rejects.toThrow(ImportFileError);
    await expect(collect(file)).rejects.toThrow(/Không đọc được tệp CSV \(lỗi gần dòng \d+\)/);
  });

  describe('xlsx', () => {
    const xlsx = async (name: string, sheets: (string | number)[][][]) => {
      const wb = new ExcelJS.Workbook();
      sheets.forEach((rows, i) => {
        const ws = wb.addWorksheet(`Trang ${i + 1}`);
        for (const r of rows) ws.addRow(r);
      });
      return write(name, Buffer.from(await wb.xlsx.writeBuffer()));
    };
    const rowsOf = async (file: string) => {
      const rows = [];
      for await (const r of readImportRows(file, 'xlsx')) rows.push(r);
      return rows;
    };

    it('checks the ZIP directory for a workbook without unpacking it', async () => {
      const file = await xlsx('ok.xlsx', [[['full_name', 'phone', 'unit_code', 'audiences']]]);
      expect(await zipEntryNames(file)).toEqual(expect.arrayContaining(['xl/workbook.xml', 'xl/worksheets/sheet1.xml']));
      await expect(inspectImportFile(file, 'xlsx')).resolves.toBeUndefined();
      const notWorkbook = write('fake.xlsx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64)]));
      await expect(inspectImportFile(notWorkbook, 'xlsx')).rejects.toMatchObject({ problem: 'type' });
    });

    it('reads the first sheet only, numbering rows as Excel does, and leaves no temporary files behind', async () => {
      // exceljs extracts sheets stored before the shared strings to temporary files.
      const tmp = fs.mkdtempSync(path.join(dir, 'tmp-'));
      const saved = process.env.TMPDIR;
      process.env.TMPDIR = tmp;
      try {
        const file = await xlsx('two-sheets.xlsx', [
          [['full_name', 'phone', 'unit_code', 'audiences'], ['An', 912345678, 'LS', 'official'], [], ['Bình', '0912345679', 'LS', 'press']],
          [['ghi chú'], ['không nhập trang này']],
        ]);
        const rows = await rowsOf(file);
        expect(rows.map((r) => [r.rowNumber, r.raw.full_name, r.raw.phone])).toEqual([
          [2, 'An', '912345678'],
          [4, 'Bình', '0912345679'],
        ]);
        const wrong = await xlsx('wrong.xlsx', [[['ho_ten', 'sdt'], ['An', '0912345678']]]);
        await expect(rowsOf(wrong)).rejects.toThrow(/Dòng tiêu đề không đúng mẫu/);
        // exceljs deletes them asynchronously: allow it a moment.
        for (let i = 0; i < 50 && fs.readdirSync(tmp).length; i++) await new Promise((r) => setTimeout(r, 20));
        expect(fs.readdirSync(tmp)).toEqual([]);
      } finally {
        process.env.TMPDIR = saved;
      }
    });
  });

  it('reads exceljs cell values as text', () => {
    expect(cellText(912345678)).toBe('912345678');
    expect(cellText(20190001234)).toBe('20190001234');
    expect(cellText({ richText: [{ text: 'Nguyễn ' }, { text: 'Văn An' }] })).toBe('Nguyễn Văn An');
    expect(cellText({ text: 'a@x.vn', hyperlink: 'mailto:a@x.vn' })).toBe('a@x.vn');
    expect(cellText({ formula: 'A1', result: 'SKHCN' })).toBe('SKHCN');
    expect(cellText(null)).toBe('');
  });
});
