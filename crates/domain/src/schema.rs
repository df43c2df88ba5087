//! OpenAPI schemas for the value types that travel as plain strings.

use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};

macro_rules! string_schema {
    ($t:ty, $desc:expr, $example:expr) => {
        impl utoipa::PartialSchema for $t {
            fn schema() -> RefOr<Schema> {
                ObjectBuilder::new().schema_type(Type::String).description(Some($desc)).examples([$example]).into()
            }
        }
        impl utoipa::ToSchema for $t {}
    };
}

string_schema!(crate::date::PartialDate, "A date that may be partial: YYYY, YYYY-MM or YYYY-MM-DD", "1990-05-17");
string_schema!(crate::validate::contact::Phone, "Phone number in E.164", "+998901234567");
string_schema!(crate::validate::contact::Email, "E-mail address", "name@example.org");
string_schema!(crate::validate::country::Country, "ISO 3166-1 alpha-3 country code", "UZB");
string_schema!(crate::validate::inn::Inn, "INN: 10 digits (legal entity) or 12 (individual)", "7707083893");
string_schema!(crate::validate::ogrn::Ogrn, "OGRN (13 digits) or OGRNIP (15)", "1027700132195");
