//! cancu as a library: extract one agreement's citations, parties and
//! signatories from text.
//!
//! ```sh
//! cargo run --example extract_text                # a short agreement written here
//! cargo run --example extract_text -- corpus/003_798d9b088e52fc0e.txt
//! ```
//!
//! [`cancu::extract`] is pure: text in, data out, no I/O, never fails; what
//! it could not read is in `diagnostics`. Reading a file (any encoding,
//! .docx, .pdf, web pages) is [`cancu::ingest`]'s work; here a UTF-8 text
//! file is enough.

use std::process::ExitCode;

pub const AGREEMENT: &str = "\
HỘI KHUYẾN HỌC TỈNH BẾN TRE          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ GIÁO DỤC VÀ ĐÀO TẠO                  Độc lập - Tự do - Hạnh phúc
Số: 12/CTrPH-HKH-SGDĐT                  Bến Tre, ngày 15 tháng 3 năm 2024

CHƯƠNG TRÌNH PHỐI HỢP
giữa Hội Khuyến học tỉnh và Sở Giáo dục và Đào tạo giai đoạn 2024-2030

Căn cứ Chỉ thị số 11-CT/TW ngày 13/4/2017 của Bộ Chính trị;
Thực hiện Chương trình phối hợp số 02/CTr-BGDĐT-HKHVN giữa Bộ Giáo dục và Đào tạo và Hội Khuyến học Việt Nam;

I. MỤC ĐÍCH
Đẩy mạnh khuyến học, khuyến tài, xây dựng xã hội học tập.

HỘI KHUYẾN HỌC TỈNH                     SỞ GIÁO DỤC VÀ ĐÀO TẠO
CHỦ TỊCH                                GIÁM ĐỐC
Trần Văn An                             Phạm Thị Bình
";

fn main() -> ExitCode {
    let text = match std::env::args_os().nth(1) {
        None => AGREEMENT.to_string(),
        Some(path) => match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{}: {e}", path.to_string_lossy());
                return ExitCode::from(2);
            }
        },
    };
    let knowledge = match cancu::Knowledge::builtin() {
        Ok(k) => k,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    print!("{}", summary(&cancu::extract(&text, &knowledge)));
    ExitCode::SUCCESS
}

/// What was read, a line per fact.
pub fn summary(e: &cancu::Extraction) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let dash = |s: Option<&str>| s.unwrap_or("-").to_string();
    let _ = writeln!(out, "kind      {}", e.kind.as_str());
    let _ = writeln!(out, "number    {}", dash(e.number.as_deref()));
    let _ = writeln!(
        out,
        "date      {}",
        e.date.map_or_else(|| "-".to_string(), |d| d.to_string())
    );
    let _ = writeln!(out, "province  {}", dash(e.province.as_deref()));
    if let Some([from, to]) = e.period {
        let _ = writeln!(out, "period    {from}-{to}");
    }
    let _ = writeln!(out, "parent    {}", dash(e.parent.as_deref()));
    for c in &e.citations {
        let _ = writeln!(out, "cites     {} ({}, {})", c.id, c.role.as_str(), c.form.as_str());
    }
    for p in &e.parties {
        let _ = writeln!(out, "party     {}", p.name);
    }
    for s in &e.signatories {
        let title = s.title.as_deref().map(|t| format!(", {t}")).unwrap_or_default();
        let _ = writeln!(out, "signed by {}{title}", s.name);
    }
    for d in &e.diagnostics {
        let _ = writeln!(out, "note      {}: {}", d.code, d.message);
    }
    out
}
