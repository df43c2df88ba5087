//! `rosmigration bench search`: the names the search load test asks for, drawn from the
//! registry so that every query finds someone, in every writing an officer types.

use domain::names::NameForm;
use store::Store;

/// Up to `count` name queries made from persons spread over the registry, rotating through the
/// writings an officer types: Russian "Surname Given", the passport's Latin in capitals, the
/// surname alone (Cyrillic), and the surname with the beginning of the given name (Latin).
pub async fn queries(store: &Store, count: usize) -> anyhow::Result<Vec<String>> {
    let all = store.person_ids(i64::MAX).await?;
    let step = (all.len() / count.max(1)).max(1);
    let mut out = Vec::with_capacity(count);
    for (n, id) in all.into_iter().step_by(step).take(count).enumerate() {
        let p = store.get_person(id).await?;
        let russian = p.names.iter().find(|v| v.form == NameForm::Russian).unwrap_or(p.display_name());
        let latin = p.names.iter().find(|v| v.form == NameForm::Latin).unwrap_or(russian);
        let first_given = |g: &str| g.split_whitespace().next().unwrap_or_default().to_string();
        let q = match n % 4 {
            0 => format!("{} {}", russian.surname, russian.given_names),
            1 => format!("{} {}", latin.surname, latin.given_names).to_uppercase(),
            2 => russian.surname.clone(),
            _ => {
                let g: String = first_given(&latin.given_names).chars().take(3).collect();
                format!("{} {g}", latin.surname)
            }
        };
        out.push(q);
    }
    Ok(out)
}
