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

const AGREEMENT: &str = "\
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
    let e = cancu::extract(&text, &knowledge);
    println!("kind      {}", e.kind.as_str());
    println!("number    {}", e.number.as_deref().unwrap_or("-"));
    println!(
        "date      {}",
        e.date.map_or_else(|| "-".to_string(), |d| d.to_string())
    );
    println!("province  {}", e.province.as_deref().unwrap_or("-"));
    if let Some([from, to]) = e.period {
        println!("period    {from}-{to}");
    }
    println!("parent    {}", e.parent.as_deref().unwrap_or("-"));
    for c in &e.citations {
        println!("cites     {} ({}, {})", c.id, c.role.as_str(), c.form.as_str());
    }
    for p in &e.parties {
        println!("party     {}", p.name);
    }
    for s in &e.signatories {
        println!(
            "signed by {}{}",
            s.name,
            s.title.as_deref().map(|t| format!(", {t}")).unwrap_or_default()
        );
    }
    for d in &e.diagnostics {
        println!("note      {}: {}", d.code, d.message);
    }
    ExitCode::SUCCESS
}
