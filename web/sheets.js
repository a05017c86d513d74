// Spreadsheets in (issue 10 section 7): the upload form takes Excel files (.xlsx, .xls) as well as CSV.
// The server tells the format by the file's first bytes; here the sheet field is offered for a workbook
// and passed as the `sheet` query parameter (empty: the first sheet).
'use strict';

function uploadIsWorkbook(file) { return !!file && /\.xlsx?$/i.test(file.name); }

// The query part for the chosen sheet, '' for a CSV file or the first sheet.
function sheetQuery() {
  const s = $('sheet').value.trim();
  return s && uploadIsWorkbook($('file').files[0]) ? '&sheet=' + encodeURIComponent(s) : '';
}

// Where a bad row is: "7" under the column 行, or "“Sheet1”表第 7 行" for a workbook (not Excel's
// "Sheet1!7", which a clerk does not read as a row; decision 145).
function sheetWhere(r, line) { return r.sheet ? '“' + r.sheet + '”表第 ' + line + ' 行' : String(line); }

$('file').addEventListener('change', () => {
  const wb = uploadIsWorkbook($('file').files[0]);
  $('sheet-box').hidden = !wb;
  if (!wb) $('sheet').value = '';
});
