//! Writes a generated corpus of realistic agreements for benchmarks and tests.
//!
//! ```sh
//! cargo run --release --example gencorpus -- 10000 /tmp/corpus10k [--seed 7]
//! ```
//!
//! Deterministic for a seed: the same N and seed give the same files, byte
//! for byte. What it writes:
//!
//! * **Levels.** The national programmes themselves (681/CTr-BGDĐT-HKHVN,
//!   02/CTr-BGDĐT-HKHVN, 40/CTPH-HKVN-ĐTNCSHCM) come first; then, province
//!   after province (all 63 former ones, from `data/provinces.toml`),
//!   provincial agreements, district agreements that cite their provincial
//!   programme by number, commune agreements that cite their district's, and
//!   — after the reorganisation of 1 July 2025 — commune agreements in the
//!   34 current provinces (two tiers, no district) that cite a provincial
//!   programme of one of the former provinces merged into theirs. Every
//!   parent cited by number is a document of the corpus, so chains
//!   (commune → district → province → nation → Chỉ thị 11-CT/TW) and
//!   compliance are exercised; about one provincial agreement in twenty
//!   leaves out its national programme, and one district in ten its
//!   provincial one.
//! * **Party types.** Education department and Hội Khuyến học, youth union,
//!   army command, women's union, commune people's committee.
//! * **Kinds.** Agreements, plans (Kế hoạch of the people's committee), news
//!   reports (2022 and after the reorganisation) and other papers (Thông báo).
//! * **Periods.** 2017-2020, 2018-2020, 2021-2030, 2023-2030, 2024-2030,
//!   2025-2030; dates after what each document cites.
//! * **Citation shapes** (§3): Party `11-CT/TW`, `31-CT/TU`; state
//!   `1373/QĐ-TTg`, `44/2014/TT-BGDĐT`, `05/2021/QĐ-UBND`; official letters
//!   `2315/BGDĐT-GDĐT`, `893/CV-DV`; joint programmes; old style
//!   `895/QĐ.UB.TC`; written with spaces (`1912 /QĐ-UBND`, `1373/QĐ - TTg`),
//!   `Ð` for `Đ`, a line break inside, type words in any case, with and
//!   without `số`; short forms (`Quyết định số 1373`) and name-only forms
//!   (Đề án “Xây dựng xã hội học tập giai đoạn 2021-2030”).
//! * **Noise**, as real exports have it: old tone placement (`hoà`, `thuỷ`,
//!   `khoẻ`), NFD text, `Ð` typed for `Đ` throughout, CRLF line endings,
//!   a byte-order mark, Markdown (`###` headings, `**bold**`), `★`
//!   separators, page numbers between paragraphs and at the end,
//!   non-breaking and zero-width spaces, photo captions in news.
//!
//! Text only, in UTF-8: legacy encodings and Word/PDF/HTML files are tested
//! elsewhere (`tests/data/`).

use std::fmt::Write as _;
use std::path::PathBuf;

use unicode_normalization::UnicodeNormalization;

/// SplitMix64: small, fast, deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const DISTRICTS: &[&str] = &[
    "Châu Thành",
    "Phú Tân",
    "Tân Phú",
    "Long Phú",
    "Bình Minh",
    "Thạnh Phú",
    "Mỏ Cày Nam",
    "Krông Nô",
    "Đắk Mil",
    "Cư Jút",
    "Tuy Phước",
    "Hoài Nhơn",
    "Yên Thế",
    "Lục Ngạn",
    "Hàm Yên",
    "Sơn Dương",
    "Chợ Mới",
    "Tịnh Biên",
    "Quảng Điền",
    "Phong Điền",
    "Vĩnh Bảo",
    "Tiên Lãng",
    "Gia Lâm",
    "Ba Vì",
    "Cẩm Giàng",
    "Kim Bảng",
];
const COMMUNES: &[&str] = &[
    "Đắk Sôr",
    "Tân Lập",
    "An Thạnh",
    "Phú Thạnh",
    "Vĩnh Thạnh",
    "Nghĩa Đô",
    "Tân Hội",
    "Mỹ Hòa",
    "Thủy Xuân",
    "Hòa Khánh",
    "Đông Hưng",
    "Xuân Thủy",
    "Tam Hiệp",
    "Lộc Hòa",
    "Quỳnh Lưu",
    "Ea Kar",
];
const SURNAMES: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
];
const MIDDLES: &[&str] = &[
    "Văn", "Thị", "Ngọc", "Minh", "Thanh", "Hữu", "Đình", "Thu", "Quốc", "Bích",
];
const GIVEN: &[&str] = &[
    "Hoa", "Bửu", "Vương", "Thu", "Danh", "Quỳnh", "Hùng", "Lan", "Dũng", "Mai", "Tuấn", "Hạnh",
];

/// A date: year, month, day.
type Date = (u16, u8, u8);

/// One national instrument with the ways texts cite it.
struct National {
    id: &'static str,
    kind: &'static str,
    date: Date,
    issuer: &'static str,
    name: Option<&'static str>,
}

const NATIONAL: &[National] = &[
    National { id: "11-CT/TW", kind: "Chỉ thị", date: (2007, 4, 13), issuer: "Bộ Chính trị (khóa X)", name: None },
    National { id: "49-KL/TW", kind: "Kết luận", date: (2019, 5, 10), issuer: "Ban Bí thư", name: None },
    National {
        id: "1373/QĐ-TTg",
        kind: "Quyết định",
        date: (2021, 7, 30),
        issuer: "Thủ tướng Chính phủ",
        name: Some("Đề án “Xây dựng xã hội học tập giai đoạn 2021 - 2030”"),
    },
    National {
        id: "387/QĐ-TTg",
        kind: "Quyết định",
        date: (2022, 3, 25),
        issuer: "Thủ tướng Chính phủ",
        name: Some("Chương trình “Đẩy mạnh phong trào học tập suốt đời trong gia đình, dòng họ, cộng đồng, đơn vị giai đoạn 2021-2030”"),
    },
    National {
        id: "677/QĐ-TTg",
        kind: "Quyết định",
        date: (2022, 6, 3),
        issuer: "Thủ tướng Chính phủ",
        name: Some("Chương trình “Xây dựng mô hình công dân học tập giai đoạn 2021-2030”"),
    },
    National { id: "1315/QĐ-TTg", kind: "Quyết định", date: (2023, 11, 9), issuer: "Thủ tướng Chính phủ", name: None },
    National {
        id: "89/QĐ-TTg",
        kind: "Quyết định",
        date: (2013, 1, 9),
        issuer: "Thủ tướng Chính phủ",
        name: Some("Đề án \"Xây dựng xã hội học tập giai đoạn 2012-2020\""),
    },
    National {
        id: "281/QĐ-TTg",
        kind: "Quyết định",
        date: (2014, 2, 20),
        issuer: "Thủ tướng Chính phủ",
        name: None,
    },
    National { id: "24/2023/TT-BGDĐT", kind: "Thông tư", date: (2023, 12, 11), issuer: "Bộ Giáo dục và Đào tạo", name: None },
    National { id: "25/2023/TT-BGDĐT", kind: "Thông tư", date: (2023, 12, 27), issuer: "Bộ Giáo dục và Đào tạo", name: None },
    National { id: "44/2014/TT-BGDĐT", kind: "Thông tư", date: (2014, 12, 12), issuer: "Bộ Giáo dục và Đào tạo", name: None },
    National { id: "448/QĐ-KHVN", kind: "Quyết định", date: (2015, 11, 10), issuer: "Hội Khuyến học Việt Nam", name: None },
];

/// A national programme (a document of the corpus) and the period it covers.
struct Programme {
    number: &'static str,
    date: Date,
    period: (u16, u16),
    parties: &'static str,
}

const EDUCATION: [Programme; 2] = [
    Programme {
        number: "681/CTr-BGDĐT-HKHVN",
        date: (2017, 9, 20),
        period: (2017, 2020),
        parties: "Bộ Giáo dục và Đào tạo và Hội Khuyến học Việt Nam",
    },
    Programme {
        number: "02/CTr-BGDĐT-HKHVN",
        date: (2024, 5, 10),
        period: (2024, 2030),
        parties: "Bộ Giáo dục và Đào tạo và Hội Khuyến học Việt Nam",
    },
];
const YOUTH: Programme = Programme {
    number: "40/CTPH-HKVN-ĐTNCSHCM",
    date: (2017, 9, 19),
    period: (2017, 2020),
    parties: "Hội Khuyến học Việt Nam và Trung ương Đoàn TNCS Hồ Chí Minh",
};

/// A programme of the generated corpus that later documents cite.
#[derive(Clone)]
struct Local {
    number: String,
    date: Date,
    period: (u16, u16),
    /// The place it belongs to (`Hội Khuyến học huyện X`): district or commune name.
    place: String,
}

/// A province as the generator needs it.
struct Province {
    name: String,
    /// `tỉnh` or `thành phố`.
    unit: String,
    /// Today's province (one of 34).
    now: String,
}

fn provinces() -> Vec<Province> {
    let g = cancu::geo::Gazetteer::builtin().expect("built-in provinces");
    g.provinces()
        .iter()
        .map(|p| Province {
            name: p.name.clone(),
            unit: p.kind.clone(),
            now: p.now.clone(),
        })
        .collect()
}

/// `thành phố` for the six centrally governed cities since 1 July 2025.
fn unit_now(now: &str) -> &'static str {
    if ["Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ"].contains(&now) {
        "thành phố"
    } else {
        "tỉnh"
    }
}

fn dmy(d: Date) -> String {
    format!("{}/{}/{}", d.2, d.1, d.0)
}

fn words(d: Date) -> String {
    format!("ngày {} tháng {} năm {}", d.2, d.1, d.0)
}

/// A day 1 to `months` months after `d`.
fn later(rng: &mut Rng, d: Date, months: usize) -> Date {
    let m = d.0 as usize * 12 + (d.1 as usize - 1) + 1 + rng.below(months.max(1));
    ((m / 12) as u16, (m % 12 + 1) as u8, 1 + rng.below(28) as u8)
}

/// Write a symbol in one of the shapes real texts use.
fn shape(rng: &mut Rng, id: &str) -> String {
    let mut s = id.to_string();
    match rng.below(12) {
        0 => s = s.replacen('/', " /", 1),
        1 => s = s.replacen('-', " - ", 1),
        2 => s = s.replace('Đ', "Ð"),
        3 => s = s.replacen('/', "/\n", 1),
        4 => s = s.replacen('/', " / ", 1),
        _ => {}
    }
    s
}

/// `Quyết định số 1373/QĐ-TTg ngày 30/7/2021 của Thủ tướng Chính phủ`, varied.
fn cite(rng: &mut Rng, kind: &str, id: &str, date: Date, issuer: &str) -> String {
    let kind = match rng.below(12) {
        0 => kind.to_uppercase(),
        1 => kind.to_lowercase(),
        _ => kind.to_string(),
    };
    let so = match rng.below(10) {
        0 | 1 => "",
        2 => " số\n",
        3 => " số\u{a0}",
        _ => " số ",
    };
    let so = if so.is_empty() { " " } else { so };
    let sep = if rng.chance(50) { ", " } else { " " };
    let date = if rng.chance(30) {
        words(date)
    } else {
        format!("ngày {}", dmy(date))
    };
    format!("{kind}{so}{}{sep}{date} của {issuer}", shape(rng, id))
}

fn person(rng: &mut Rng) -> String {
    format!("{} {} {}", rng.pick(SURNAMES), rng.pick(MIDDLES), rng.pick(GIVEN))
}

/// The national instruments dated before `d`.
fn national_before(d: Date) -> Vec<&'static National> {
    NATIONAL.iter().filter(|n| n.date < d).collect()
}

/// Preamble lines citing up to `count` more national instruments dated
/// before `d`, in full or by name; `cited` holds the ids cited so far.
fn national_basis(rng: &mut Rng, t: &mut String, d: Date, count: usize, cited: &mut Vec<&'static str>) {
    let pool = national_before(d);
    for _ in 0..count {
        let n = *rng.pick(&pool);
        if cited.contains(&n.id) {
            continue;
        }
        cited.push(n.id);
        if let (Some(name), true) = (n.name, rng.chance(25)) {
            let _ = writeln!(t, "Căn cứ {name} của {};\n", n.issuer);
        } else {
            let cue = if rng.chance(80) { "Căn cứ" } else { "Thực hiện" };
            let _ = writeln!(t, "{cue} {};\n", cite(rng, n.kind, n.id, n.date, n.issuer));
        }
    }
}

/// Sections I–III, citing `cited` again in short or full form, `plan` by
/// number only, and sometimes an official letter or an old-style symbol.
fn body(rng: &mut Rng, t: &mut String, cited: &[&str], plan: &str, date: Date) {
    let _ = writeln!(t, "I. MỤC ĐÍCH, YÊU CẦU\n");
    let _ = writeln!(t, "1. Tăng cường sự phối hợp giữa hai cơ quan trong việc thực hiện công tác khuyến học, khuyến tài, xây dựng xã hội học tập, góp phần hoàn thành các mục tiêu của Kế hoạch số {}.\n", plan.split('/').next().unwrap_or(""));
    let _ = writeln!(t, "2. Hoạt động phối hợp được thực hiện thường xuyên, đảm bảo thiết thực, hiệu quả, có trọng tâm, trọng điểm, tránh hình thức; lồng ghép với phong trào thi đua xây dựng gia đình học tập, dòng họ học tập, cộng đồng học tập, đơn vị học tập và công dân học tập.\n");
    let _ = writeln!(t, "II. NỘI DUNG PHỐI HỢP\n");
    let mut i = 0;
    for id in cited {
        if let Some(n) = NATIONAL.iter().find(|n| &n.id == id) {
            i += 1;
            let number = id.split(['/', '-']).next().unwrap_or("");
            if rng.chance(50) {
                let _ = writeln!(t, "{i}. Triển khai thực hiện {} số {number}; tổ chức tuyên truyền sâu rộng trong cán bộ, hội viên, giáo viên và học sinh về học tập suốt đời, về gương người tốt, việc tốt trong học tập.\n", n.kind);
            } else {
                let _ = writeln!(t, "{i}. Tiếp tục quán triệt {} {} trong toàn ngành; đánh giá, công nhận các mô hình học tập theo quy định, bảo đảm thực chất, hiệu quả, không chạy theo thành tích.\n", n.kind, shape(rng, n.id));
            }
        }
    }
    i += 1;
    let _ = writeln!(t, "{i}. Vận động các nhà hảo tâm, doanh nghiệp ủng hộ Quỹ khuyến học; khen thưởng học sinh giỏi, giáo viên dạy giỏi, trao học bổng cho học sinh, sinh viên nghèo vượt khó học giỏi; xây dựng và nhân rộng các mô hình “Gia đình học tập”, “Dòng họ học tập”, “Cộng đồng học tập”.\n");
    if rng.chance(25) && date > (2016, 1, 1) {
        i += 1;
        let _ = writeln!(t, "{i}. Thực hiện Công văn số {} ngày {} của Bộ Giáo dục và Đào tạo về hướng dẫn đánh giá, xếp loại “Cộng đồng học tập” cấp xã.\n", shape(rng, "2315/BGDĐT-GDĐT"), dmy((2016, 5, 20)));
    }
    if rng.chance(10) {
        i += 1;
        let _ = writeln!(t, "{i}. Rà soát, sửa đổi Quy chế quản lý Quỹ khuyến học ban hành kèm theo Quyết định số {} ngày 12/8/1999 của Ủy ban nhân dân tỉnh.\n", shape(rng, "895/QĐ.UB.TC"));
    }
    if rng.chance(15) && date > (2021, 6, 1) {
        i += 1;
        let n = 1 + rng.below(40);
        let _ = writeln!(
            t,
            "{i}. Thực hiện chế độ hỗ trợ theo Quyết định số {n:02}/2021/QĐ-UBND ngày {} của Ủy ban nhân dân tỉnh.\n",
            dmy((2021, 3, 1 + rng.below(28) as u8))
        );
    }
    if rng.chance(30) {
        let _ = writeln!(
            t,
            "Liên hệ: điện thoại 0275.3822.{:03}; Giấy phép số {}/GP-STTTT.\n",
            rng.below(1000),
            rng.below(500)
        );
    }
    let _ = writeln!(t, "III. TỔ CHỨC THỰC HIỆN\n\n1. Định kỳ hằng năm, hai cơ quan tổ chức sơ kết, tổng kết, báo cáo kết quả thực hiện Chương trình phối hợp.\n\n2. Chương trình phối hợp này có hiệu lực kể từ ngày ký./.\n");
}

fn signatures(rng: &mut Rng, t: &mut String, blocks: &[(&str, &str)]) {
    for (org, title) in blocks {
        let (b0, b1) = if rng.chance(30) { ("**", "**") } else { ("", "") };
        let _ = writeln!(t, "{b0}{org}\n{title}{b1}\n\n\n{}\n", person(rng));
    }
    let _ = writeln!(t, "Nơi nhận:\n- Như trên;\n- Lưu: VT.");
}

/// The generator's state: the random stream, the documents written, and
/// the programmes later documents cite.
struct Gen {
    rng: Rng,
    n: usize,
    out: Vec<(String, String)>,
}

impl Gen {
    fn full(&self) -> bool {
        self.out.len() >= self.n
    }

    /// A fresh document number (unique in the corpus).
    fn number(&self) -> usize {
        self.out.len() + 1
    }

    fn emit(&mut self, kind: &str, text: String) {
        if self.full() {
            return;
        }
        let text = vary(&mut self.rng, text);
        self.out.push((format!("{:07}_{kind}.txt", self.out.len()), text));
    }

    /// The national programmes, as documents of the corpus.
    fn national(&mut self) {
        for (p, extra) in [
            (&EDUCATION[0], &["89/QĐ-TTg", "281/QĐ-TTg", "44/2014/TT-BGDĐT"][..]),
            (
                &EDUCATION[1],
                &["49-KL/TW", "1373/QĐ-TTg", "387/QĐ-TTg", "677/QĐ-TTg", "1315/QĐ-TTg"][..],
            ),
            (&YOUTH, &["89/QĐ-TTg", "281/QĐ-TTg"][..]),
        ] {
            let youth = p.number == YOUTH.number;
            let rng = &mut self.rng;
            let mut t = String::new();
            if youth {
                let _ = writeln!(
                    t,
                    "HỘI KHUYẾN HỌC VIỆT NAM\nBAN CHẤP HÀNH TRUNG ƯƠNG\nĐOÀN TNCS HỒ CHÍ MINH\n"
                );
            } else {
                let _ = writeln!(t, "BỘ GIÁO DỤC VÀ ĐÀO TẠO\nHỘI KHUYẾN HỌC VIỆT NAM\n");
            }
            let _ = writeln!(t, "Số: {}\n\nHà Nội, {}\n", p.number, words(p.date));
            let _ = writeln!(t, "CHƯƠNG TRÌNH PHỐI HỢP\ngiữa {} về đẩy mạnh công tác khuyến học, khuyến tài, xây dựng xã hội học tập giai đoạn {} - {}\n", p.parties, p.period.0, p.period.1);
            let n11 = &NATIONAL[0];
            let _ = writeln!(t, "Căn cứ {} về tăng cường sự lãnh đạo của Đảng đối với công tác khuyến học, khuyến tài, xây dựng xã hội học tập;\n", cite(rng, n11.kind, n11.id, n11.date, n11.issuer));
            let mut cited = vec![n11.id];
            for id in extra {
                let n = NATIONAL.iter().find(|n| n.id == *id).expect("a national instrument");
                let _ = writeln!(t, "Căn cứ {};\n", cite(rng, n.kind, n.id, n.date, n.issuer));
                cited.push(n.id);
            }
            let _ = writeln!(
                t,
                "Hai bên thống nhất ban hành Chương trình phối hợp với các nội dung sau:\n"
            );
            body(rng, &mut t, &cited, "1/KH-KHVN", p.date);
            if youth {
                signatures(
                    rng,
                    &mut t,
                    &[
                        ("TM. BAN THƯỜNG VỤ\nHỘI KHUYẾN HỌC VIỆT NAM", "CHỦ TỊCH"),
                        ("TM. BAN BÍ THƯ\nTRUNG ƯƠNG ĐOÀN", "BÍ THƯ"),
                    ],
                );
            } else {
                signatures(
                    rng,
                    &mut t,
                    &[
                        ("TM. BAN THƯỜNG VỤ\nHỘI KHUYẾN HỌC VIỆT NAM", "CHỦ TỊCH"),
                        ("KT. BỘ TRƯỞNG\nBỘ GIÁO DỤC VÀ ĐÀO TẠO", "THỨ TRƯỞNG"),
                    ],
                );
            }
            self.emit("national", t);
        }
    }

    /// The education department and Hội Khuyến học of a province, under the
    /// national programme of `period_ix`.
    fn provincial(&mut self, p: &Province, period_ix: usize) -> Local {
        let national = &EDUCATION[period_ix];
        let (from, to) = national.period;
        let number = format!("{}/CTrPH-SGDĐT-HKH", self.number());
        let rng = &mut self.rng;
        let unit = &p.unit;
        let date = later(rng, national.date, 14);
        let mut t = String::new();
        let _ = writeln!(
            t,
            "SỞ GIÁO DỤC VÀ ĐÀO TẠO\nHỘI KHUYẾN HỌC {}\n",
            format!("{unit} {}", p.name).to_uppercase()
        );
        let _ = writeln!(t, "Số: {number}\n\n{}, {}\n", p.name, words(date));
        let _ = writeln!(t, "CHƯƠNG TRÌNH PHỐI HỢP\nGiữa Sở Giáo dục và Đào tạo và Hội Khuyến học {unit} {}\nvề đẩy mạnh công tác khuyến học, khuyến tài, xây dựng xã hội học tập giai đoạn {from} - {to}\n", p.name);
        // One in twenty leaves out its national programme.
        if rng.chance(95) {
            let _ = writeln!(
                t,
                "Căn cứ Chương trình phối hợp số {} {} giữa {} về đẩy mạnh công tác khuyến học, khuyến tài, xây dựng xã hội học tập giai đoạn {from}-{to};\n",
                shape(rng, national.number),
                words(national.date),
                national.parties
            );
        }
        let count = 3 + rng.below(4);
        let mut cited = Vec::new();
        national_basis(rng, &mut t, date, count, &mut cited);
        let plan = format!("{}/KH-UBND", 100 + rng.below(4000));
        let plan_date = later(rng, (date.0 - 1, 1, 1), 10);
        let plan_cite = cite(
            rng,
            "Kế hoạch",
            &plan,
            plan_date,
            &format!("Ủy ban nhân dân {unit} {}", p.name),
        );
        if date > (2021, 8, 1) {
            let _ = writeln!(t, "Căn cứ {plan_cite} về việc thực hiện Đề án “Xây dựng xã hội học tập giai đoạn 2021-2030” trên địa bàn {unit};\n");
        } else {
            let _ = writeln!(t, "Căn cứ {plan_cite} về việc thực hiện Đề án “Xây dựng xã hội học tập giai đoạn 2012-2020” trên địa bàn {unit};\n");
        }
        let _ = writeln!(
            t,
            "Sở Giáo dục và Đào tạo và Hội Khuyến học {unit} thống nhất phối hợp với các nội dung như sau:\n"
        );
        body(rng, &mut t, &cited, &plan, date);
        let u = unit.to_uppercase();
        signatures(
            rng,
            &mut t,
            &[
                (&format!("TM. BAN THƯỜNG VỤ\nHỘI KHUYẾN HỌC {u}"), "CHỦ TỊCH"),
                (&format!("SỞ GIÁO DỤC VÀ ĐÀO TẠO {u}"), "GIÁM ĐỐC"),
            ],
        );
        self.emit("provincial", t);
        Local {
            number,
            date,
            period: (from, to),
            place: p.name.clone(),
        }
    }

    /// A district's education office and Hội Khuyến học under the provincial programme.
    fn district(&mut self, p: &Province, parent: &Local) -> Local {
        let number = format!("{}/CTrPH-PGDĐT-HKH", self.number());
        let rng = &mut self.rng;
        let d = rng.pick(DISTRICTS).to_string();
        let (from, to) = parent.period;
        let date = later(rng, parent.date, 12);
        let mut t = String::new();
        let _ = writeln!(
            t,
            "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO\nHỘI KHUYẾN HỌC HUYỆN {}\n",
            d.to_uppercase()
        );
        let _ = writeln!(t, "Số: {number}\n\n{d}, {}\n", words(date));
        let _ = writeln!(t, "CHƯƠNG TRÌNH PHỐI HỢP\nGiữa Phòng Giáo dục và Đào tạo và Hội Khuyến học huyện {d}\ngiai đoạn {from}-{to}\n");
        // One in ten leaves out its provincial programme.
        if rng.chance(90) {
            let _ = writeln!(
                t,
                "Căn cứ Chương trình phối hợp số {} ngày {} giữa Sở Giáo dục và Đào tạo và Hội Khuyến học {} {};\n",
                shape(rng, &parent.number),
                dmy(parent.date),
                p.unit,
                p.name
            );
        }
        let mut cited = Vec::new();
        let count = 1 + rng.below(2);
        national_basis(rng, &mut t, date, count, &mut cited);
        let _ = writeln!(
            t,
            "Phòng Giáo dục và Đào tạo và Hội Khuyến học huyện {d} thống nhất phối hợp như sau:\n"
        );
        body(rng, &mut t, &cited, "12/KH-UBND", date);
        signatures(
            rng,
            &mut t,
            &[
                ("TM. BAN THƯỜNG VỤ\nHỘI KHUYẾN HỌC HUYỆN", "CHỦ TỊCH"),
                ("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "TRƯỞNG PHÒNG"),
            ],
        );
        self.emit("district", t);
        Local {
            number,
            date,
            period: (from, to),
            place: d,
        }
    }

    /// Hội Khuyến học and the youth union of a province, under the national
    /// youth programme (cited in full or by its parties only).
    fn youth(&mut self, p: &Province) -> Local {
        let number = format!("{}/CTPH-HKH-TĐTN", self.number());
        let rng = &mut self.rng;
        let unit = &p.unit;
        let date = later(rng, YOUTH.date, 8);
        let from = date.0.max(2018);
        let mut t = String::new();
        let _ = writeln!(
            t,
            "HỘI KHUYẾN HỌC {}\nTỈNH ĐOÀN {}\n",
            p.name.to_uppercase(),
            p.name.to_uppercase()
        );
        let numbered = rng.chance(80);
        if numbered {
            let _ = writeln!(t, "Số: {number}\n\n{}, {}\n", p.name, words(date));
        }
        let _ = writeln!(t, "CHƯƠNG TRÌNH\n\nPhối hợp hoạt động khuyến học, khuyến tài, xây dựng xã hội học tập giữa Hội Khuyến học và Đoàn TNCS Hồ Chí Minh {unit} {} giai đoạn {from} – 2020\n", p.name);
        if rng.chance(60) {
            let _ = writeln!(t, "Thực hiện chương trình phối hợp số {}, ngày {} giữa {} về việc phối hợp hoạt động khuyến học giai đoạn 2017 – 2020, hai cơ quan xây dựng chương trình phối hợp như sau:\n", shape(rng, YOUTH.number), dmy(YOUTH.date), YOUTH.parties);
        } else {
            let _ = writeln!(t, "Thực hiện Chương trình phối hợp giữa {} về hoạt động khuyến học, khuyến tài giai đoạn 2017 – 2020, hai cơ quan xây dựng chương trình phối hợp như sau:\n", YOUTH.parties);
        }
        body(rng, &mut t, &["89/QĐ-TTg", "11-CT/TW"], "13/KH-HKH", date);
        let _ = writeln!(
            t,
            "TM. BAN THƯỜNG VỤ HỘI KHUYẾN HỌC\nCHỦ TỊCH\n\n{}\n\nTM. BAN THƯỜNG VỤ TỈNH ĐOÀN\nPHÓ BÍ THƯ\n\n{}\n",
            person(rng),
            person(rng)
        );
        self.emit("youth", t);
        Local {
            number: if numbered { number } else { String::new() },
            date,
            period: (from, 2020),
            place: p.name.clone(),
        }
    }

    /// Hội Khuyến học and the youth union of a district (or commune, under a
    /// district's programme), citing the programme one level up.
    fn youth_local(&mut self, p: &Province, parent: &Local, commune: bool) -> Local {
        let code = if commune { "ĐTN" } else { "HĐ" };
        let number = format!("{}/CTPH-HKH-{code}", self.number());
        let rng = &mut self.rng;
        let date = later(rng, parent.date, 10);
        let (place, unit, union, up_unit, up_union) = if commune {
            let c = rng.pick(COMMUNES).to_string();
            (c, "xã", "Đoàn Thanh niên", "huyện", "Huyện đoàn")
        } else {
            (
                rng.pick(DISTRICTS).to_string(),
                "huyện",
                "Đoàn TNCS Hồ Chí Minh",
                "tỉnh",
                "Tỉnh đoàn",
            )
        };
        let mut t = String::new();
        let _ = writeln!(
            t,
            "HỘI KHUYẾN HỌC {} {}\n{} {} {}\n",
            unit.to_uppercase(),
            place.to_uppercase(),
            union.to_uppercase(),
            unit.to_uppercase(),
            place.to_uppercase()
        );
        let _ = writeln!(t, "Số: {number}\n\n{place}, {}\n", words(date));
        let within = if commune {
            format!("{place}, huyện {}, {} {}", parent.place, p.unit, p.name)
        } else {
            format!("{place}, {} {}", p.unit, p.name)
        };
        let _ = writeln!(t, "CHƯƠNG TRÌNH PHỐI HỢP\nGiữa Hội Khuyến học {unit} {place} và {union} {unit} {within} về hoạt động khuyến học giai đoạn {} - 2020\n", date.0.max(parent.period.0));
        if parent.number.is_empty() || rng.chance(10) {
            let _ = writeln!(
                t,
                "Thực hiện Chương trình phối hợp số {} ngày {} giữa {};\n",
                shape(rng, YOUTH.number),
                dmy(YOUTH.date),
                YOUTH.parties
            );
        } else {
            let up_place = if commune { parent.place.clone() } else { p.name.clone() };
            let _ = writeln!(t, "Thực hiện Chương trình phối hợp số {} ngày {} giữa Hội Khuyến học {up_unit} {up_place} và {up_union} {up_place};\n", shape(rng, &parent.number), dmy(parent.date));
        }
        let _ = writeln!(
            t,
            "Hội Khuyến học {unit} và {union} {unit} thống nhất phối hợp thực hiện với các nội dung như sau:\n"
        );
        let _ = writeln!(t, "I. NỘI DUNG PHỐI HỢP\n\n1. Vận động đoàn viên, thanh niên tham gia xây dựng xã hội học tập theo Chỉ thị 11-CT/TW của Bộ Chính trị.\n\n2. Tổ chức các hoạt động tình nguyện hỗ trợ học sinh có hoàn cảnh khó khăn, duy trì sĩ số, chống bỏ học.\n");
        let u = unit.to_uppercase();
        let _ = writeln!(
            t,
            "TM. BAN CHẤP HÀNH HỘI KHUYẾN HỌC {u}\nCHỦ TỊCH\n\n{}\n\nTM. BAN CHẤP HÀNH {} {u}\nBÍ THƯ\n\n{}\n",
            person(rng),
            union.to_uppercase(),
            person(rng)
        );
        self.emit(if commune { "commune" } else { "district" }, t);
        Local {
            number,
            date,
            period: (date.0.max(parent.period.0), 2020),
            place,
        }
    }

    /// Hội Khuyến học and the army command of a province.
    fn army(&mut self, p: &Province) {
        let number = self.number();
        let rng = &mut self.rng;
        let unit = &p.unit;
        let date = later(rng, (2023, 7, 13), 12);
        let mut t = String::new();
        let _ = writeln!(
            t,
            "HỘI KHUYẾN HỌC {}\nBỘ CHỈ HUY QUÂN SỰ {}\n",
            p.name.to_uppercase(),
            p.name.to_uppercase()
        );
        if rng.chance(60) {
            let _ = writeln!(t, "Số: {number}/CTPH-HKH-BCHQS\n");
        }
        let _ = writeln!(t, "{}, {}\n", p.name, words(date));
        let _ = writeln!(t, "CHƯƠNG TRÌNH PHỐI HỢP\n\nGiữa Hội Khuyến học {unit} và Bộ Chỉ huy Quân sự {unit} {} về triển khai nhiệm vụ khuyến học, khuyến tài, xây dựng xã hội học tập giai đoạn 2023 - 2030\n", p.name);
        let ct = format!("{}-CT/TU", 10 + rng.below(60));
        let _ = writeln!(t, "Thực hiện Chỉ thị số {}, ngày 30/7/2019 của Ban Thường vụ Tỉnh ủy về việc thực hiện Kết luận số {}, ngày 10/5/2019 của Ban Bí thư về tiếp tục thực hiện Chỉ thị số 11-CT/TW, ngày 13/4/2007 của Bộ Chính trị;\n", shape(rng, &ct), shape(rng, "49-KL/TW"));
        let _ = writeln!(t, "Căn cứ Công văn số {}, ngày 13/7/2023 của Cục Dân vận, Tổng cục Chính trị, Bộ Quốc phòng về việc phối hợp triển khai thực hiện công tác khuyến học, khuyến tài trong Quân đội;\n", shape(rng, "893/CV-DV"));
        let _ = writeln!(
            t,
            "Hội Khuyến học {unit} và Bộ Chỉ huy Quân sự {unit} {} thống nhất ký kết Chương trình phối hợp như sau:\n",
            p.name
        );
        let plan = format!("{}/KH-UBND", 10 + rng.below(900));
        body(rng, &mut t, &["1373/QĐ-TTg"], &plan, date);
        let u = unit.to_uppercase();
        let _ = writeln!(
            t,
            "**BỘ CHỈ HUY QUÂN SỰ {u}\nPHÓ CHỈ HUY TRƯỞNG**\n\n\nĐại tá {}\n\nTM. BAN THƯỜNG VỤ\nHỘI KHUYẾN HỌC {u}\nCHỦ TỊCH\n\n\n{}\n",
            person(rng),
            person(rng)
        );
        self.emit("army", t);
    }

    /// Hội Khuyến học and the women's union of a province, under the Prime
    /// Minister's decisions (no national programme).
    fn women(&mut self, p: &Province) -> Local {
        let number = format!("{}/CTPH-HKH-HLHPN", self.number());
        let rng = &mut self.rng;
        let unit = &p.unit;
        let date = later(rng, (2022, 4, 1), 18);
        let mut t = String::new();
        let _ = writeln!(
            t,
            "HỘI KHUYẾN HỌC {}\nHỘI LIÊN HIỆP PHỤ NỮ {}\n",
            p.name.to_uppercase(),
            p.name.to_uppercase()
        );
        let _ = writeln!(t, "Số: {number}\n\n{}, {}\n", p.name, words(date));
        let _ = writeln!(t, "CHƯƠNG TRÌNH PHỐI HỢP\nGiữa Hội Khuyến học {unit} {} và Hội Liên hiệp Phụ nữ {unit} {} về xây dựng “Gia đình học tập”, “Công dân học tập” giai đoạn 2022 - 2030\n", p.name, p.name);
        let n = &NATIONAL[3];
        let _ = writeln!(
            t,
            "Căn cứ {} phê duyệt {};\n",
            cite(rng, n.kind, n.id, n.date, n.issuer),
            n.name.unwrap_or_default()
        );
        let mut cited = vec![n.id];
        national_basis(rng, &mut t, date, 2, &mut cited);
        let _ = writeln!(
            t,
            "Hội Khuyến học {unit} và Hội Liên hiệp Phụ nữ {unit} thống nhất phối hợp như sau:\n"
        );
        body(rng, &mut t, &cited, "45/KH-UBND", date);
        let u = unit.to_uppercase();
        signatures(
            rng,
            &mut t,
            &[
                (&format!("TM. BAN THƯỜNG VỤ\nHỘI KHUYẾN HỌC {u}"), "CHỦ TỊCH"),
                (&format!("TM. BAN THƯỜNG VỤ\nHỘI LIÊN HIỆP PHỤ NỮ {u}"), "PHÓ CHỦ TỊCH"),
            ],
        );
        self.emit("women", t);
        Local {
            number,
            date,
            period: (2022, 2030),
            place: p.name.clone(),
        }
    }

    /// After 1 July 2025: a commune (two tiers, no district) of today's
    /// province, under the provincial programme of a former province.
    fn commune_now(&mut self, p: &Province, parent: &Local) {
        let number = format!("{}/CTPH-HKH-HPN", self.number());
        let rng = &mut self.rng;
        let date = later(rng, (2025, 7, 1), 16);
        let c = rng.pick(COMMUNES).to_string();
        let ward = if rng.chance(30) { "phường" } else { "xã" };
        let now_unit = unit_now(&p.now);
        let mut t = String::new();
        let _ = writeln!(
            t,
            "HỘI KHUYẾN HỌC {} {}\nHỘI LIÊN HIỆP PHỤ NỮ {} {}\n",
            ward.to_uppercase(),
            c.to_uppercase(),
            ward.to_uppercase(),
            c.to_uppercase()
        );
        let _ = writeln!(t, "Số: {number}\n\n{c}, {}\n", words(date));
        let _ = writeln!(t, "CHƯƠNG TRÌNH PHỐI HỢP\nGiữa Hội Khuyến học {ward} {c} và Hội Liên hiệp Phụ nữ {ward} {c}, {now_unit} {} về xây dựng “Gia đình học tập” giai đoạn 2025 - 2030\n", p.now);
        let _ = writeln!(t, "Căn cứ Nghị quyết số 202/2025/QH15 ngày 12/6/2025 của Quốc hội về việc sắp xếp đơn vị hành chính cấp tỉnh;\n");
        let now = if p.now != p.name && rng.chance(30) {
            format!(" (nay là {now_unit} {})", p.now)
        } else {
            String::new()
        };
        let _ = writeln!(
            t,
            "Thực hiện Chương trình phối hợp số {} ngày {} giữa Hội Khuyến học và Hội Liên hiệp Phụ nữ {} {}{now};\n",
            shape(rng, &parent.number),
            dmy(parent.date),
            p.unit,
            p.name
        );
        let mut cited = Vec::new();
        national_basis(rng, &mut t, date, 2, &mut cited);
        let _ = writeln!(
            t,
            "Hội Khuyến học {ward} và Hội Liên hiệp Phụ nữ {ward} thống nhất phối hợp như sau:\n"
        );
        body(rng, &mut t, &cited, "8/KH-UBND", date);
        let w = ward.to_uppercase();
        signatures(
            rng,
            &mut t,
            &[
                (&format!("TM. BAN CHẤP HÀNH\nHỘI KHUYẾN HỌC {w}"), "CHỦ TỊCH"),
                (&format!("TM. BAN CHẤP HÀNH\nHỘI LIÊN HIỆP PHỤ NỮ {w}"), "CHỦ TỊCH"),
            ],
        );
        self.emit("commune", t);
    }

    /// A people's committee's plan under 677/QĐ-TTg.
    fn plan(&mut self, p: &Province) {
        let number = self.number();
        let rng = &mut self.rng;
        let unit = &p.unit;
        let date = later(rng, (2022, 6, 3), 12);
        let mut t = String::new();
        let _ = writeln!(
            t,
            "ỦY BAN NHÂN DÂN\n{} {}\n\nSố: {number}/KH-UBND\n\n{}, {}\n",
            unit.to_uppercase(),
            p.name.to_uppercase(),
            p.name,
            words(date)
        );
        let _ = writeln!(t, "KẾ HOẠCH\nThực hiện Chương trình “Xây dựng mô hình công dân học tập giai đoạn 2021-2030” trên địa bàn {unit}\n");
        let _ = writeln!(t, "Thực hiện Quyết định số 677/QĐ-TTg ngày 03/6/2022 của Thủ tướng Chính phủ phê duyệt Chương trình “Xây dựng mô hình công dân học tập giai đoạn 2021-2030”;\n");
        body(rng, &mut t, &["677/QĐ-TTg", "1373/QĐ-TTg"], "5/KH-UBND", date);
        let _ = writeln!(
            t,
            "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n{}\n",
            person(rng)
        );
        self.emit("plan", t);
    }

    /// A news report of a signing; after the reorganisation, in today's province.
    fn news(&mut self, p: &Province, after_2025: bool) {
        let rng = &mut self.rng;
        let (unit, place, year) = if after_2025 {
            (unit_now(&p.now).to_string(), p.now.clone(), 2025 + rng.below(2))
        } else {
            (p.unit.clone(), p.name.clone(), 2022)
        };
        let mut t = String::new();
        let _ = writeln!(t, "Hội Khuyến học {unit} {place} ký kết phối hợp khuyến học, khuyến tài, xây dựng xã hội học tập\n\n{}\n{}:{:02} - {}/{}/{year}\n", person(rng), 7 + rng.below(12), rng.below(60), 1 + rng.below(28), if after_2025 { 8 + rng.below(5) } else { 1 + rng.below(12) });
        let _ = writeln!(t, "Ngày {}/11, Hội Khuyến học {unit} {place} tổ chức ký kết chương trình phối hợp đẩy mạnh hoạt động khuyến học, khuyến tài, xây dựng xã hội học tập giai đoạn 2021-2030 với Sở Giáo dục và Đào tạo, Liên đoàn lao động và Hội Liên hiệp Phụ nữ {unit} {place}.\n", 1 + rng.below(28));
        let _ = writeln!(t, "Hội Khuyến học {unit} {place} ký kết chương trình phối hợp - Ảnh 1.\n\nChương trình nhằm góp phần hoàn thành các chỉ tiêu của Đề án \"Xây dựng xã hội học tập giai đoạn 2021-2030\" theo Chỉ thị 11-CT/TW và Kết luận số 49-KL/TW của Ban Bí thư.\n");
        let _ = writeln!(
            t,
            "Chủ tịch Hội Khuyến học {unit} {place} {} ký kết chương trình phối hợp.\n",
            person(rng)
        );
        self.emit("news", t);
    }

    /// Another paper: a notice of a meeting's conclusions.
    fn other(&mut self, p: &Province) {
        let number = self.number();
        let rng = &mut self.rng;
        let date = later(rng, (2019, 1, 1), 60);
        let mut t = String::new();
        let _ = writeln!(
            t,
            "HỘI KHUYẾN HỌC {} {}\n\nSố: {number}/TB-HKH\n\n{}, {}\n",
            p.unit.to_uppercase(),
            p.name.to_uppercase(),
            p.name,
            words(date)
        );
        let _ = writeln!(
            t,
            "THÔNG BÁO\nKết luận của Thường trực Hội tại buổi làm việc về công tác khuyến học năm {}\n",
            date.0
        );
        let _ = writeln!(t, "Ngày {}/{}/{}, Thường trực Hội Khuyến học {} làm việc với các tổ chức hội cơ sở. Sau khi nghe báo cáo, Thường trực Hội kết luận: tiếp tục thực hiện Chỉ thị số 11-CT/TW; rà soát tiêu chí theo Quyết định số 448/QĐ-KHVN; chuẩn bị tổng kết năm học.\n", date.2, date.1, date.0, p.name);
        let _ = writeln!(t, "TL. BAN THƯỜNG VỤ\nCHÁNH VĂN PHÒNG\n\n{}\n", person(rng));
        self.emit("other", t);
    }
}

/// Old tone placement on some words (`hòa` → `hoà`, `Hóa` → `Hoá`, …).
fn old_tones(s: &str) -> String {
    s.replace("hòa", "hoà")
        .replace("Hòa", "Hoà")
        .replace("Hóa", "Hoá")
        .replace("hóa", "hoá")
        .replace("thủy", "thuỷ")
        .replace("Thủy", "Thuỷ")
        .replace("khỏe", "khoẻ")
        .replace("khóa", "khoá")
        .replace("Khánh Hòa", "Khánh Hoà")
}

/// Noise real files carry. Each kind of noise is applied to some documents.
fn vary(rng: &mut Rng, mut t: String) -> String {
    if rng.chance(20) {
        t = old_tones(&t);
    }
    // Markdown exports: headings and bold titles.
    if rng.chance(8) {
        let mut md = String::with_capacity(t.len() + 64);
        for line in t.split_inclusive('\n') {
            if ["I. ", "II. ", "III. ", "IV. "].iter().any(|h| line.starts_with(h)) {
                md.push_str("### ");
            }
            if line.trim_end() == "CHƯƠNG TRÌNH PHỐI HỢP" {
                md.push_str("**CHƯƠNG TRÌNH PHỐI HỢP**\n");
                continue;
            }
            md.push_str(line);
        }
        t = md;
    }
    // Stray symbols: a ★ separator under the title, ★ before headings.
    if rng.chance(6) {
        t = t
            .replacen("\n\nCăn cứ", "\n\n★ ★ ★\n\nCăn cứ", 1)
            .replace("\nII. ", "\n★ II. ");
    }
    // A page number between two paragraphs in the middle.
    if rng.chance(10) {
        let mut mid = t.len() / 2;
        while !t.is_char_boundary(mid) {
            mid += 1;
        }
        if let Some(at) = t[mid..].find("\n\n").map(|i| mid + i) {
            let page = if rng.chance(50) {
                "- 2 -".to_string()
            } else {
                format!("Trang 2/{}", 2 + rng.below(3))
            };
            t.insert_str(at, &format!("\n\n{page}"));
        }
    }
    // Non-breaking and zero-width spaces from word processors.
    if rng.chance(5) {
        t = t
            .replace("khuyến học", "khuyến\u{a0}học")
            .replacen("Căn cứ", "Căn\u{200b} cứ", 1);
    }
    // `Ð` (U+00D0) typed for `Đ` throughout.
    if rng.chance(5) {
        t = t.replace('Đ', "Ð");
    }
    if rng.chance(10) {
        t = t.nfd().collect();
    }
    if rng.chance(10) {
        t = t.replace('\n', "\r\n");
    }
    if rng.chance(15) {
        t.push_str(&format!("\n\n{}\n", 1 + rng.below(9)));
    }
    if rng.chance(3) {
        t.insert(0, '\u{feff}');
    }
    t
}

/// `n` documents, deterministic for `seed`: (file name, text).
pub fn generate(n: usize, seed: u64) -> Vec<(String, String)> {
    let mut g = Gen {
        rng: Rng(seed),
        n,
        out: Vec::with_capacity(n),
    };
    let provinces = provinces();
    g.national();
    let mut round = 0usize;
    while !g.full() {
        for (pi, p) in provinces.iter().enumerate() {
            if g.full() {
                break;
            }
            let period_ix = (pi + round) % EDUCATION.len();
            let prov = g.provincial(p, period_ix);
            for _ in 0..2 {
                g.district(p, &prov);
            }
            let youth = g.youth(p);
            let district_youth = g.youth_local(p, &youth, false);
            g.youth_local(p, &district_youth, true);
            g.army(p);
            let women = g.women(p);
            g.commune_now(p, &women);
            g.plan(p);
            g.news(p, (pi + round).is_multiple_of(3));
            if (pi + round).is_multiple_of(4) {
                g.other(p);
            }
        }
        round += 1;
    }
    g.out
}

#[allow(dead_code)]
fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut seed = 7u64;
    let mut pos = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--seed" {
            match it.next().and_then(|s| s.parse().ok()) {
                Some(s) => seed = s,
                None => {
                    eprintln!("gencorpus: --seed needs a number");
                    return std::process::ExitCode::from(2);
                }
            }
        } else {
            pos.push(a.clone());
        }
    }
    let (Some(n), Some(out)) = (pos.first().and_then(|n| n.parse::<usize>().ok()), pos.get(1)) else {
        eprintln!("usage: gencorpus N OUTDIR [--seed S]");
        return std::process::ExitCode::from(2);
    };
    let out = PathBuf::from(out);
    if let Err(e) = std::fs::create_dir_all(&out) {
        eprintln!("gencorpus: {}: {e}", out.display());
        return std::process::ExitCode::from(2);
    }
    let mut written = 0usize;
    let mut bytes = 0usize;
    for (name, text) in generate(n, seed) {
        if let Err(e) = std::fs::write(out.join(&name), &text) {
            eprintln!("gencorpus: {name}: {e}");
            return std::process::ExitCode::from(2);
        }
        bytes += text.len();
        written += 1;
    }
    eprintln!(
        "gencorpus: wrote {written} documents ({:.1} MB) to {}",
        bytes as f64 / 1e6,
        out.display()
    );
    std::process::ExitCode::SUCCESS
}
