//! An attendance sheet's bytes as rows of text: an XLSX workbook's first sheet, or a CSV as a
//! spreadsheet saves it (UTF-8 with or without its mark, or Latin-1; comma, semicolon or tab).
//! Bounded: a workbook that would unpack to more than [`MAX_UNPACKED`] is not read.
use std::io::Cursor;

use crate::domain::expediente::{sniff, FileKind};
use crate::domain::workshop::SheetError;

/// The most a workbook may unpack to, in bytes.
pub const MAX_UNPACKED: u64 = 40 * 1024 * 1024;

/// The rows of a sheet, each cell as text.
pub fn rows(bytes: &[u8]) -> Result<Vec<Vec<String>>, SheetError> {
    if bytes.is_empty() {
        return Err(SheetError::Empty);
    }
    match sniff(bytes) {
        Some(FileKind::Xlsx) => workbook_rows(bytes),
        Some(_) => Err(SheetError::Unreadable),
        None if bytes.starts_with(b"PK") || bytes.contains(&0) => Err(SheetError::Unreadable),
        None => csv_rows(bytes),
    }
}

fn workbook_rows(bytes: &[u8]) -> Result<Vec<Vec<String>>, SheetError> {
    use calamine::Reader;
    // What the archive says it holds, before anything is unpacked.
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| SheetError::Unreadable)?;
    let mut unpacked = 0u64;
    for i in 0..archive.len() {
        unpacked += archive.by_index_raw(i).map_err(|_| SheetError::Unreadable)?.size();
    }
    if unpacked > MAX_UNPACKED {
        return Err(SheetError::TooBigUnpacked);
    }
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|_| SheetError::Unreadable)?;
    let range = book.worksheet_range_at(0).ok_or(SheetError::Empty)?.map_err(|_| SheetError::Unreadable)?;
    Ok(range.rows().map(|row| row.iter().map(|cell| cell.to_string()).collect()).collect())
}

fn csv_rows(bytes: &[u8]) -> Result<Vec<Vec<String>>, SheetError> {
    let text: String = match std::str::from_utf8(bytes) {
        Ok(s) => s.trim_start_matches('\u{feff}').to_string(),
        // Latin-1: each byte is its character.
        Err(_) => bytes.iter().map(|&b| b as char).collect(),
    };
    let first = text.lines().next().unwrap_or_default();
    let delimiter = [b';', b'\t', b','].into_iter().max_by_key(|d| first.bytes().filter(|b| b == d).count()).unwrap_or(b',');
    // The reader passes over blank lines; a spreadsheet counts them as rows, and so do the row
    // numbers a refusal gives: each is kept as a row of empty cells.
    let text = keep_blank_lines(&text, delimiter as char);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
    let mut out: Vec<Vec<String>> = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|_| SheetError::Unreadable)?;
        out.push(record.iter().map(str::to_string).collect());
        if out.len() > crate::domain::workshop::MAX_SHEET_ROWS + 1 {
            break;
        }
    }
    Ok(out)
}

/// `text` with each blank line (outside a quoted cell) holding one `delimiter`: a row of two empty
/// cells, which the reader keeps.
fn keep_blank_lines(text: &str, delimiter: char) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut quoted, mut line_start) = (false, true);
    for c in text.chars() {
        if line_start && !quoted && (c == '\r' || c == '\n') {
            out.push(delimiter);
        }
        match c {
            '"' => quoted = !quoted,
            '\n' => line_start = true,
            _ => {}
        }
        if c != '\n' {
            line_start = false;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_csv_is_read_as_a_spreadsheet_saves_it() {
        let semicolons = "\u{feff}Nombre;Sexo\r\nRosa Quispe;F\r\n\"Mamani; Juan\";M\r\n";
        assert_eq!(rows(semicolons.as_bytes()).unwrap(), vec![vec!["Nombre", "Sexo"], vec!["Rosa Quispe", "F"], vec!["Mamani; Juan", "M"]]);
        // Latin-1, as an older spreadsheet saves it: "Región" and "Huánuco".
        let latin1: Vec<u8> = b"Nombre,Regi\xf3n\nAna,Hu\xe1nuco\n".to_vec();
        assert_eq!(rows(&latin1).unwrap()[1], vec!["Ana", "Huánuco"]);
        assert_eq!(rows(b"").unwrap_err(), SheetError::Empty);
        // Blank lines are rows as a spreadsheet numbers them; a cell over two lines is one row.
        let blank = "Nombre;Sexo\n\"Ana\nRíos\";F\n\nLuis;X\n";
        assert_eq!(rows(blank.as_bytes()).unwrap(), vec![vec!["Nombre", "Sexo"], vec!["Ana\nRíos", "F"], vec!["", ""], vec!["Luis", "X"]]);
        assert_eq!(rows(b"%PDF-1.7 ...").unwrap_err(), SheetError::Unreadable);
        assert_eq!(rows(b"PK\x03\x04garbage").unwrap_err(), SheetError::Unreadable);
    }

    #[test]
    fn a_workbook_is_read_from_its_first_sheet() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (r, row) in [["Nombres y apellidos", "Sexo"], ["Rosa Quispe", "F"]].iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                sheet.write_string(r as u32, c as u16, *v).unwrap();
            }
        }
        sheet.write_number(2, 0, 7.0).unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let read = rows(&bytes).unwrap();
        assert_eq!(read[0], vec!["Nombres y apellidos", "Sexo"]);
        assert_eq!(read[1], vec!["Rosa Quispe", "F"]);
        assert_eq!(read[2][0], "7");
    }
}
