import readXlsxFile from 'read-excel-file/node';
import writeXlsxFile from 'write-excel-file/node';

type Value = string | number | boolean | Date | null;

/** Reads an .xlsx, lets the test edit its cells as plain arrays, and writes it back as real .xlsx bytes. */
export async function editXlsx(bytes: Buffer, edit: (sheets: { sheet: string; data: Value[][] }[]) => void): Promise<Buffer> {
	const sheets = (await readXlsxFile(bytes)) as unknown as { sheet: string; data: Value[][] }[];
	edit(sheets);
	const cell = (v: Value) => (v === null ? null : typeof v === 'number' ? { value: v, type: Number } : { value: String(v), type: String });
	return writeXlsxFile(sheets.map((s) => ({ sheet: s.sheet, data: s.data.map((row) => row.map(cell)) })) as never).toBuffer();
}
