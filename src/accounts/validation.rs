//! Parse, don't validate: input becomes these types or a translation key saying why not.

use super::passwords::{MAX_PASSWORD_BYTES, MIN_PASSWORD_CHARS};

/// A main account's login name: 3–32 of a–z, 0–9, `.`, `-`, `_`, starting with a letter
/// or digit. Stored lower-case; `:` is reserved for `main:member`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MainUsername(String);

impl MainUsername {
    pub fn parse(input: &str) -> Result<Self, &'static str> {
        let name = input.trim().to_lowercase();
        let valid_chars = name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_'));
        let starts_well = name
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric());
        if (3..=32).contains(&name.len()) && valid_chars && starts_well {
            Ok(Self(name))
        } else {
            Err("error-username-invalid")
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What the login form's username may be: `main` or `main:member`, each part of the
/// letters, digits and `.-_` usernames are made of, 65 characters at most. Anything
/// else names no account and is neither stored nor logged.
pub fn login_name(input: &str) -> Option<String> {
    let name = input.trim().to_lowercase();
    let part_ok = |p: &str| {
        (2..=32).contains(&p.len())
            && p.chars().all(|c| {
                c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_')
            })
    };
    let valid = match name.split_once(':') {
        Some((main, member)) => part_ok(main) && part_ok(member),
        None => part_ok(&name),
    };
    valid.then_some(name)
}

/// A name shown to colleagues: 1–64 characters, no control characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    pub fn parse(input: &str) -> Result<Self, &'static str> {
        let name = input.trim();
        if name.is_empty() {
            return Err("error-display-name-required");
        }
        if name.chars().count() > 64 || name.chars().any(char::is_control) {
            return Err("error-display-name-invalid");
        }
        Ok(Self(name.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An e-mail address with a plausible shape: `local@domain.tld`, at most 254 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(input: &str) -> Result<Self, &'static str> {
        let email = input.trim();
        if email.is_empty() {
            return Err("error-email-required");
        }
        let Some((local, domain)) = email.rsplit_once('@') else {
            return Err("error-email-invalid");
        };
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain
                .chars()
                .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
        let local_ok = !local.is_empty() && !local.contains('@') && local.len() <= 64;
        let no_space = !email.chars().any(|c| c.is_whitespace() || c.is_control());
        if email.len() <= 254 && domain_ok && local_ok && no_space {
            Ok(Self(email.to_string()))
        } else {
            Err("error-email-invalid")
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A phone number in international form: `+`, country code and number, 8–15 digits in
/// all (E.164). Spaces, dashes and dots typed for readability are dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone(String);

impl Phone {
    /// An empty input means "no phone".
    pub fn parse_optional(input: &str) -> Result<Option<Self>, &'static str> {
        let compact: String = input
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')'))
            .collect();
        if compact.is_empty() {
            return Ok(None);
        }
        let Some(digits) = compact.strip_prefix('+') else {
            return Err("error-phone-invalid");
        };
        let valid = (8..=15).contains(&digits.len())
            && digits.chars().all(|c| c.is_ascii_digit())
            && !digits.starts_with('0');
        if valid {
            Ok(Some(Self(compact)))
        } else {
            Err("error-phone-invalid")
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A new password: at least 8 characters, at most 72 bytes (bcrypt's limit), not the
/// username, typed twice the same.
#[derive(Debug, Clone)]
pub struct NewPassword(String);

impl NewPassword {
    pub fn parse(password: &str, confirm: &str, username: &str) -> Result<Self, &'static str> {
        if password.chars().count() < MIN_PASSWORD_CHARS {
            return Err("error-password-too-short");
        }
        if password.len() > MAX_PASSWORD_BYTES {
            return Err("error-password-too-long");
        }
        let bare = username.rsplit(':').next().unwrap_or(username);
        if password.eq_ignore_ascii_case(username) || password.eq_ignore_ascii_case(bare) {
            return Err("error-password-is-username");
        }
        if password != confirm {
            return Err("error-password-mismatch");
        }
        Ok(Self(password.to_string()))
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames() {
        assert_eq!(
            MainUsername::parse(" ChenShop ").unwrap().as_str(),
            "chenshop"
        );
        assert!(MainUsername::parse("ab").is_err());
        assert!(MainUsername::parse("chen:shop").is_err());
        assert!(MainUsername::parse("_chen").is_err());
        assert!(MainUsername::parse("chen shop").is_err());
        assert!(MainUsername::parse(&"a".repeat(33)).is_err());
        assert!(MainUsername::parse("chen.shop-01_x").is_ok());
    }

    #[test]
    fn emails() {
        assert!(Email::parse("chen@example.co.th").is_ok());
        for bad in [
            "",
            "chen",
            "chen@",
            "@x.com",
            "chen@localhost",
            "a b@x.com",
            "a@x..com",
            "a@.x.com",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn passwords() {
        assert_eq!(
            NewPassword::parse("short", "short", "u").unwrap_err(),
            "error-password-too-short"
        );
        let long = "é".repeat(40);
        assert_eq!(
            NewPassword::parse(&long, &long, "u").unwrap_err(),
            "error-password-too-long"
        );
        assert_eq!(
            NewPassword::parse("chenshop", "chenshop", "chenshop").unwrap_err(),
            "error-password-is-username"
        );
        assert_eq!(
            NewPassword::parse("jiajia01", "jiajia01", "chenshop:jiajia01").unwrap_err(),
            "error-password-is-username"
        );
        assert_eq!(
            NewPassword::parse("good pass 1", "good pass 2", "u").unwrap_err(),
            "error-password-mismatch"
        );
        assert!(NewPassword::parse("good pass 1", "good pass 1", "u").is_ok());
    }

    #[test]
    fn login_names_are_capped_before_anything_else() {
        assert_eq!(
            login_name(" ChenShop:JiaJia "),
            Some("chenshop:jiajia".into())
        );
        assert_eq!(login_name("chenshop"), Some("chenshop".into()));
        assert_eq!(login_name(&format!("victim:{}", "x".repeat(180_000))), None);
        assert_eq!(login_name("a:b:c"), None);
        assert_eq!(login_name("victim\nforged entry"), None);
        assert_eq!(login_name(""), None);
    }

    #[test]
    fn phones() {
        assert_eq!(Phone::parse_optional("").unwrap(), None);
        assert_eq!(
            Phone::parse_optional("+66 81-234 5678")
                .unwrap()
                .unwrap()
                .as_str(),
            "+66812345678"
        );
        for bad in [
            "0812345678",
            "+0812345678",
            "+66",
            "+66abc12345",
            "+1234567890123456",
        ] {
            assert!(Phone::parse_optional(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn display_names() {
        assert!(DisplayName::parse("  ").is_err());
        assert!(DisplayName::parse(&"名".repeat(65)).is_err());
        assert_eq!(DisplayName::parse(" 陈 ").unwrap().as_str(), "陈");
    }
}
