// A small CSV reader for registry files as spreadsheets export them: UTF-8 with or without BOM,
// comma or semicolon separated (Indonesian Excel uses semicolons), quoted fields with "" escapes,
// CRLF or LF line ends.

export interface CsvRecord {
  /** 1-based line number of the record's first line in the file, for error messages. */
  line: number;
  fields: string[];
}

/** `;` when the first line has more semicolons than commas outside quotes. */
export function detectDelimiter(text: string): "," | ";" {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === "\n" || c === "\r")) break;
    else if (!quoted && c === ";") semicolons++;
    else if (!quoted && c === ",") commas++;
  }
  return semicolons > commas ? ";" : ",";
}

export function parseCsv(text: string): CsvRecord[] {
  const src = text.replace(/^\uFEFF/, "");
  const delimiter = detectDelimiter(src);
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  const endField = () => {
    fields.push(field);
    field = "";
  };
  const endRecord = () => {
    endField();
    // Blank lines (a single empty field) are skipped, as spreadsheets leave them at the end.
    if (!(fields.length === 1 && fields[0]?.trim() === "")) records.push({ line: recordLine, fields });
    fields = [];
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        if (c === "\n") line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field.trim() === "") {
      quoted = true;
      field = "";
    } else if (c === delimiter) {
      endField();
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && src[i + 1] === "\n") i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += c;
    }
  }
  if (field !== "" || fields.length > 0) endRecord();
  return records;
}
