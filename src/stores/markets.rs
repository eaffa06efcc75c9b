//! The marketplaces' markets a store can sell in, each with its usual time zone.

use crate::i18n::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Market {
    Sg,
    My,
    Th,
    Vn,
    Ph,
    Id,
    Tw,
    Br,
    Mx,
    Co,
    Cl,
}

impl Market {
    pub const ALL: [Market; 11] = [
        Market::Sg,
        Market::My,
        Market::Th,
        Market::Vn,
        Market::Ph,
        Market::Id,
        Market::Tw,
        Market::Br,
        Market::Mx,
        Market::Co,
        Market::Cl,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Market::Sg => "SG",
            Market::My => "MY",
            Market::Th => "TH",
            Market::Vn => "VN",
            Market::Ph => "PH",
            Market::Id => "ID",
            Market::Tw => "TW",
            Market::Br => "BR",
            Market::Mx => "MX",
            Market::Co => "CO",
            Market::Cl => "CL",
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Market::Sg => "market-sg",
            Market::My => "market-my",
            Market::Th => "market-th",
            Market::Vn => "market-vn",
            Market::Ph => "market-ph",
            Market::Id => "market-id",
            Market::Tw => "market-tw",
            Market::Br => "market-br",
            Market::Mx => "market-mx",
            Market::Co => "market-co",
            Market::Cl => "market-cl",
        }
    }

    pub fn default_time_zone(self) -> &'static str {
        match self {
            Market::Sg => "Asia/Singapore",
            Market::My => "Asia/Kuala_Lumpur",
            Market::Th => "Asia/Bangkok",
            Market::Vn => "Asia/Ho_Chi_Minh",
            Market::Ph => "Asia/Manila",
            Market::Id => "Asia/Jakarta",
            Market::Tw => "Asia/Taipei",
            Market::Br => "America/Sao_Paulo",
            Market::Mx => "America/Mexico_City",
            Market::Co => "America/Bogota",
            Market::Cl => "America/Santiago",
        }
    }

    /// The one market where `lang` is the language people sell in, if there is one
    /// (English, Spanish and Chinese are each spoken in several).
    pub fn of_language(lang: Lang) -> Option<Market> {
        match lang {
            Lang::Th => Some(Market::Th),
            Lang::Vi => Some(Market::Vn),
            Lang::Id => Some(Market::Id),
            Lang::Ms => Some(Market::My),
            Lang::ZhTw => Some(Market::Tw),
            Lang::PtBr => Some(Market::Br),
            Lang::En | Lang::ZhCn | Lang::Es => None,
        }
    }

    pub fn parse(code: &str) -> Result<Market, &'static str> {
        let code = code.trim().to_ascii_uppercase();
        Market::ALL
            .into_iter()
            .find(|m| m.code() == code)
            .ok_or("error-market-invalid")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::TimeZoneName;

    #[test]
    fn every_default_time_zone_exists() {
        for m in Market::ALL {
            assert!(
                TimeZoneName::parse(m.default_time_zone()).is_some(),
                "{m:?}"
            );
            assert_eq!(Market::parse(m.code()), Ok(m));
        }
        assert!(Market::parse("US").is_err());
    }
}
