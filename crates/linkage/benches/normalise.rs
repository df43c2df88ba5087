//! Criterion benchmark of the normalisers on a fixed set of realistic inputs.
//! Run: `CARGO_TARGET_DIR=/work/target-link cargo bench -p rosmigration-linkage`.

#![expect(missing_docs, reason = "criterion_group! generates an undocumented function")]

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use domain::validate::country::Country;
use rosmigration_linkage::{address, date, document, name, phone, similarity};

const NAMES: [&str; 16] = [
    "Юсупов",
    "YUSUPOV",
    "Iusupov",
    "Хуршид",
    "Xurshid",
    "Джамшед",
    "Dzhamshed",
    "Раҳмонзода",
    "Rahmon zoda",
    "Oʻgʻiloy",
    "Абдуллаев",
    "Shakhnoza",
    "Gʻayratjon",
    "Мухаммаджон",
    "Сайёра",
    "KARIMOVA",
];

const FULL_NAMES: [&str; 4] = [
    "Yusupov Jamshid Rustam o'g'li",
    "ЮСУПОВ ДЖАМШИД РУСТАМОВИЧ",
    "Karimova Dilnoza Rustam qizi",
    "Asanov Bakyt Almaz uulu",
];

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("name");
    g.throughput(Throughput::Elements(NAMES.len() as u64));
    g.bench_function("fold_reusing_folder", |b| {
        let mut f = name::Folder::new();
        b.iter(|| NAMES.iter().map(|n| f.fold(black_box(n)).len()).sum::<usize>())
    });
    g.bench_function("fold_allocating", |b| {
        b.iter(|| NAMES.iter().map(|n| name::fold(black_box(n)).len()).sum::<usize>())
    });
    g.bench_function("block_key_reusing_folder", |b| {
        let mut f = name::Folder::new();
        b.iter(|| NAMES.iter().map(|n| f.block_key(black_box(n)).len()).sum::<usize>())
    });
    g.finish();

    let mut g = c.benchmark_group("full_name");
    g.throughput(Throughput::Elements(FULL_NAMES.len() as u64));
    g.bench_function("split_full_name", |b| {
        b.iter(|| FULL_NAMES.iter().map(|n| name::split_full_name(black_box(n)).surname.len()).sum::<usize>())
    });
    g.bench_function("name_similarity", |b| {
        b.iter(|| similarity::name_similarity(black_box(FULL_NAMES[0]), black_box(FULL_NAMES[1])))
    });
    g.finish();

    let today = NaiveDate::from_ymd_opt(2026, 5, 20).expect("valid date");
    let uzb = Country::parse("UZB").expect("known code");
    c.bench_function("document_canonical", |b| b.iter(|| document::canonical(black_box("АА 123-45-67"))));
    c.bench_function("phone_normalize_national", |b| b.iter(|| phone::normalize(black_box("90 123 45 67"), uzb)));
    c.bench_function("date_parse", |b| b.iter(|| date::parse(black_box("07.03.1990"), today)));
    c.bench_function("address_parse", |b| {
        b.iter(|| address::parse(black_box("420111, Республика Татарстан, г. Казань, ул. Баумана, д. 15, кв. 7")))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
