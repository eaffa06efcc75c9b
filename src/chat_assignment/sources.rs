//! Chat sources: where the buyer started the chat.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChatSource {
    ProductPage,
    ShopPage,
    Order,
    AfterSales,
    Livestream,
    Campaign,
    Other,
}

impl ChatSource {
    pub const ALL: [ChatSource; 7] = [
        ChatSource::ProductPage,
        ChatSource::ShopPage,
        ChatSource::Order,
        ChatSource::AfterSales,
        ChatSource::Livestream,
        ChatSource::Campaign,
        ChatSource::Other,
    ];

    /// The code used in URLs, the API and the database.
    pub fn code(self) -> &'static str {
        match self {
            ChatSource::ProductPage => "product_page",
            ChatSource::ShopPage => "shop_page",
            ChatSource::Order => "order",
            ChatSource::AfterSales => "after_sales",
            ChatSource::Livestream => "livestream",
            ChatSource::Campaign => "campaign",
            ChatSource::Other => "other",
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            ChatSource::ProductPage => "source-product-page",
            ChatSource::ShopPage => "source-shop-page",
            ChatSource::Order => "source-order",
            ChatSource::AfterSales => "source-after-sales",
            ChatSource::Livestream => "source-livestream",
            ChatSource::Campaign => "source-campaign",
            ChatSource::Other => "source-other",
        }
    }

    pub fn from_code(code: &str) -> Option<ChatSource> {
        ChatSource::ALL.into_iter().find(|s| s.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for s in ChatSource::ALL {
            assert_eq!(ChatSource::from_code(s.code()), Some(s));
        }
        assert_eq!(ChatSource::from_code("facebook"), None);
    }
}
