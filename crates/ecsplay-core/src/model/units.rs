//! Task-level CPU and memory strings (rules.md §4): `"1024"` or `"1 vCPU"`; `"2048"` or `"2 GB"`.

/// Parses a task `cpu` string into CPU units: an integer (`"1024"`) or a vCPU amount
/// (`"1 vCPU"`, `".25 vcpu"`, `"0.5vCPU"`). `None` when it is neither.
pub fn parse_task_cpu(s: &str) -> Option<u64> {
    let s = s.trim();
    if is_integer(s) {
        return s.parse().ok();
    }
    let lower = s.to_ascii_lowercase();
    let amount = lower.strip_suffix("vcpu")?.trim_end();
    scaled(amount, 1024)
}

/// Parses a task `memory` string into MiB: an integer (`"2048"`) or GB (`"2 GB"`, `"2GB"`,
/// `"0.5 gb"`). `None` when it is neither.
pub fn parse_task_memory(s: &str) -> Option<u64> {
    let s = s.trim();
    if is_integer(s) {
        return s.parse().ok();
    }
    let lower = s.to_ascii_lowercase();
    let amount = lower.strip_suffix("gb")?.trim_end();
    scaled(amount, 1024)
}

fn is_integer(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// `amount` (`"2"`, `".25"`, `"0.5"`) times `unit`, when that is a whole number.
fn scaled(amount: &str, unit: u64) -> Option<u64> {
    let (whole, frac) = amount.split_once('.').unwrap_or((amount, ""));
    if (whole.is_empty() && frac.is_empty())
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    if frac.len() > 6 {
        return None;
    }
    let whole: u64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let frac_digits = u32::try_from(frac.len()).ok()?;
    let frac_value: u64 = if frac.is_empty() {
        0
    } else {
        frac.parse().ok()?
    };
    let denom = 10u64.checked_pow(frac_digits)?;
    let numer = whole
        .checked_mul(denom)?
        .checked_add(frac_value)?
        .checked_mul(unit)?;
    (numer % denom == 0).then_some(numer / denom)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_forms() {
        assert_eq!(parse_task_cpu("1024"), Some(1024));
        assert_eq!(parse_task_cpu("1 vCPU"), Some(1024));
        assert_eq!(parse_task_cpu("1vcpu"), Some(1024));
        assert_eq!(parse_task_cpu(".25 vCPU"), Some(256));
        assert_eq!(parse_task_cpu("0.5 VCPU"), Some(512));
        assert_eq!(parse_task_cpu("256m"), None);
        assert_eq!(parse_task_cpu(""), None);
        assert_eq!(parse_task_cpu("1 core"), None);
        assert_eq!(parse_task_cpu("99999999999999999999999"), None);
    }

    #[test]
    fn memory_forms() {
        assert_eq!(parse_task_memory("2048"), Some(2048));
        assert_eq!(parse_task_memory("2 GB"), Some(2048));
        assert_eq!(parse_task_memory("2GB"), Some(2048));
        assert_eq!(parse_task_memory("0.5 gb"), Some(512));
        assert_eq!(parse_task_memory("512MB"), None);
        assert_eq!(parse_task_memory("2GiB"), None);
        assert_eq!(parse_task_memory(".GB"), None);
    }
}
