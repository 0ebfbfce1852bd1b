import { sniffHead } from '../common/files/sniff';
import { DEMO_COURSE } from './demo-course-data';
import { buildOnePagePdf, pdfSafeText, webVtt } from './demo-media';

describe('buildOnePagePdf', () => {
  const pdf = buildOnePagePdf({ title: 'Cẩm nang an toàn số', lines: [{ text: 'Tiêu đề', size: 20, bold: true }, { text: 'Dòng (có ngoặc) và \\ gạch chéo' }] });
  const text = pdf.toString('latin1');

  it('is recognised as a PDF by the upload sniffing', () => {
    expect(sniffHead(pdf.subarray(0, 64))).toEqual({ kind: 'pdf', mime: 'application/pdf' });
    expect(text.startsWith('%PDF-1.4\n')).toBe(true);
    expect(text.endsWith('%%EOF\n')).toBe(true);
  });

  it('has a cross-reference table whose offsets point at each object, and a correct startxref', () => {
    const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)![1]);
    expect(text.slice(startxref, startxref + 5)).toBe('xref\n');
    const [, first, count] = /^xref\n(\d+) (\d+)\n/.exec(text.slice(startxref))!;
    expect(Number(first)).toBe(0);
    const entries = text.slice(startxref).split('\n').slice(2, 2 + Number(count));
    expect(entries[0]).toBe('0000000000 65535 f ');
    entries.slice(1).forEach((entry, i) => {
      // Each entry is exactly 20 bytes with its line feed.
      expect(entry).toMatch(/^\d{10} 00000 n $/);
      const offset = Number(entry.slice(0, 10));
      expect(text.slice(offset).startsWith(`${i + 1} 0 obj\n`)).toBe(true);
    });
    expect(text).toContain(`/Size ${count} /Root 1 0 R`);
  });

  it('declares the exact length of its content stream', () => {
    const m = /\/Length (\d+) >>\nstream\n/.exec(text)!;
    const start = m.index + m[0].length;
    const length = Number(m[1]);
    expect(text.slice(start + length, start + length + 9)).toBe('endstream');
  });

  it('writes page text without diacritics (WinAnsi), escaped, and the title with them (UTF-16BE)', () => {
    expect(text).toContain('(Dong \\(co ngoac\\) va \\\\ gach cheo) Tj');
    expect(text).toContain('/F2 20 Tf');
    const hex = /\/Title <([0-9A-F]+)>/.exec(text)![1];
    const bytes = Buffer.from(hex, 'hex');
    expect([...bytes.subarray(0, 2)]).toEqual([0xfe, 0xff]);
    expect(Buffer.from(bytes.subarray(2)).swap16().toString('utf16le')).toBe('Cẩm nang an toàn số');
  });

  it('fits the demo handbook on its page, and refuses text that does not fit', () => {
    const demo = DEMO_COURSE.modules.flatMap((m) => m.lessons).find((l) => l.type === 'attachment');
    if (demo?.type !== 'attachment') throw new Error('the demo course has no attachment lesson');
    expect(() => buildOnePagePdf(demo.pdf)).not.toThrow();
    expect(() => buildOnePagePdf({ title: 'Dài', lines: Array.from({ length: 60 }, () => ({ text: 'Một dòng' })) })).toThrow(/does not fit on one page/);
  });
});

describe('pdfSafeText', () => {
  it('folds Vietnamese to ASCII and replaces what WinAnsi lacks', () => {
    expect(pdfSafeText('Đường dẫn “lạ” – cẩn thận…')).toBe('Duong dan "la" - can than...');
    expect(pdfSafeText('Mẫu Sơn ✓')).toBe('Mau Son ?');
  });
});

describe('webVtt', () => {
  it('writes cues with hh:mm:ss.mmm timestamps', () => {
    expect(webVtt([[0, 3.5, 'Xin chào'], [3.5, 61.25, 'Tạm biệt']])).toBe('WEBVTT\n\n00:00:00.000 --> 00:00:03.500\nXin chào\n\n00:00:03.500 --> 00:01:01.250\nTạm biệt\n');
  });
});
