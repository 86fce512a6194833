//! The settings both fuzz targets run with: a subpath site in a zone with an offset.

use std::sync::LazyLock;

use briefgen::source::config::SiteConfig;

pub static CONFIG: LazyLock<SiteConfig> = LazyLock::new(|| {
    SiteConfig::parse("base_url = \"https://user.github.io/repo/\"\ntimezone = \"Asia/Seoul\"\n")
        .expect("the fuzzing config is valid")
        .config
});
