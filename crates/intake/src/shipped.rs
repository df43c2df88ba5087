//! The mappings shipped with the binary (`assets/intake/mappings/`), found by name.

use crate::mapping::{Mapping, MappingError};
use domain::event::SourceAgency;

macro_rules! shipped {
    ($($name:literal),* $(,)?) => {
        /// Name and TOML text of every shipped mapping.
        pub const SHIPPED: &[(&str, &str)] = &[
            $(($name, include_str!(concat!("../../../assets/intake/mappings/", $name, ".toml")))),*
        ];
    };
}

shipped!(
    "mvd-crossings",
    "mvd-registrations",
    "mvd-permits",
    "fns-inn",
    "fns-patent-payments",
    "medical-results",
    "exam-certificates",
    "employer-notices",
    "university-enrolments",
);

/// A shipped mapping by name.
pub fn shipped(name: &str) -> Option<Result<Mapping, MappingError>> {
    SHIPPED.iter().find(|(n, _)| *n == name).map(|(n, t)| Mapping::from_toml(n, t))
}

/// Names of the shipped mappings of a source.
pub fn names_for(source: SourceAgency) -> Vec<&'static str> {
    SHIPPED.iter().filter(|(n, _)| n.starts_with(&format!("{}-", source.code()))).map(|(n, _)| *n).collect()
}

/// Resolves `--mapping`: a shipped name, or (when `read_file` finds it) a TOML file path; with
/// none given, the source's only shipped mapping.
pub fn resolve(
    source: SourceAgency,
    mapping: Option<&str>,
    read_file: impl Fn(&str) -> Option<std::io::Result<String>>,
) -> Result<Mapping, String> {
    let m = match mapping {
        None => {
            let names = names_for(source);
            match names.as_slice() {
                [one] => shipped(one).expect("listed").map_err(|e| e.to_string())?,
                [] => return Err(format!("no mapping is shipped for {}: give one with --mapping FILE", source.code())),
                many => {
                    return Err(format!(
                        "{} has several mappings; choose one with --mapping: {}",
                        source.code(),
                        many.join(", ")
                    ));
                }
            }
        }
        Some(name) => match shipped(name) {
            Some(m) => m.map_err(|e| format!("in the shipped mapping {name}: {e}"))?,
            None => match read_file(name) {
                Some(Ok(text)) => {
                    let stem = std::path::Path::new(name).file_stem().and_then(|s| s.to_str()).unwrap_or(name);
                    Mapping::from_toml(stem, &text).map_err(|e| format!("in the mapping {name}: {e}"))?
                }
                Some(Err(e)) => return Err(format!("reading the mapping {name}: {e}")),
                None => {
                    let all: Vec<&str> = SHIPPED.iter().map(|(n, _)| *n).collect();
                    return Err(format!("no mapping {name:?}: give a file or one of {}", all.join(", ")));
                }
            },
        },
    };
    if m.source != source {
        return Err(format!("the mapping {} is for {}, not {}", m.name, m.source.code(), source.code()));
    }
    Ok(m)
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_shipped_mapping_loads() {
        for (name, text) in super::SHIPPED {
            crate::Mapping::from_toml(name, text).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }
}
