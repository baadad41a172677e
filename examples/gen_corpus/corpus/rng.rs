//! SplitMix64: small, fast and the same on every platform, so a seed gives
//! the same corpus everywhere (no `rand` dependency, whose streams may change
//! between versions).

/// One random stream.
#[derive(Debug, Clone)]
pub struct Rng(u64);

/// The finaliser of SplitMix64 (also used to derive independent streams).
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Rng {
    /// The stream `stream` of slot `slot` under `seed`: each decision about a
    /// document draws from its own stream, so deciding one thing (say, a
    /// document's kind) never shifts the numbers another decision sees.
    pub fn derive(seed: u64, slot: u64, stream: u64) -> Rng {
        let a = mix(seed ^ 0x6A09_E667_F3BC_C908);
        let b = mix(a ^ slot.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        Rng(mix(b ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03)))
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }

    /// Uniform in `0..n` (`n > 0`), by multiply-shift (no modulo bias worth
    /// the name at these sizes).
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as usize) as i64
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// One element of a non-empty slice.
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// Between `lo` and `hi` (inclusive) distinct elements of `items`.
    pub fn some<'a, T>(&mut self, items: &'a [T], lo: usize, hi: usize) -> Vec<&'a T> {
        let k = self.range(lo as i64, hi as i64) as usize;
        self.sample(items, k)
    }

    /// `k` distinct elements of `items` (fewer if it is shorter), in slice order.
    pub fn sample<'a, T>(&mut self, items: &'a [T], k: usize) -> Vec<&'a T> {
        let mut chosen: Vec<usize> = Vec::with_capacity(k);
        let k = k.min(items.len());
        while chosen.len() < k {
            let i = self.below(items.len());
            if !chosen.contains(&i) {
                chosen.push(i);
            }
        }
        chosen.sort_unstable();
        chosen.into_iter().map(|i| &items[i]).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_reproducible_and_distinct() {
        let a: Vec<u64> = (0..4).map(|_| Rng::derive(1, 2, 3).next_u64()).collect();
        assert!(a.windows(2).all(|w| w[0] == w[1]));
        assert_ne!(
            Rng::derive(1, 2, 3).next_u64(),
            Rng::derive(1, 2, 4).next_u64()
        );
        assert_ne!(
            Rng::derive(1, 2, 3).next_u64(),
            Rng::derive(2, 2, 3).next_u64()
        );
    }
}
