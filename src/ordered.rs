//! Work on many items side by side, its results taken in the items' order.

use rayon::prelude::*;

/// Items worked on together: enough to keep every core busy, few enough
/// that their results take little memory (a record is a few kilobytes).
const CHUNK: usize = 64;

/// `f` of each item, computed [`CHUNK`] items at a time on rayon's
/// threads, handed to `each` with its item in the items' order. Each chunk
/// of items is dropped once handed out. The first error in that order is
/// the result, and nothing after it is handed out.
pub fn for_each_in_order<T, R, E>(
    items: impl IntoIterator<Item = T>,
    f: impl Fn(&T) -> Result<R, E> + Sync,
    mut each: impl FnMut(T, R) -> Result<(), E>,
) -> Result<(), E>
where
    T: Send + Sync,
    R: Send,
    E: Send,
{
    let mut items = items.into_iter();
    loop {
        let chunk: Vec<T> = items.by_ref().take(CHUNK).collect();
        if chunk.is_empty() {
            return Ok(());
        }
        let done: Vec<Result<R, E>> = chunk.par_iter().map(&f).collect();
        for (item, r) in chunk.into_iter().zip(done) {
            each(item, r?)?;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_the_order_of_the_items_and_stop_at_the_first_error() {
        let mut seen = Vec::new();
        let r: Result<(), String> = for_each_in_order(
            0..1000u32,
            |&i| Ok(i * 2),
            |i, r| {
                seen.push((i, r));
                Ok(())
            },
        );
        assert_eq!(r, Ok(()));
        assert_eq!(seen, (0..1000).map(|i| (i, i * 2)).collect::<Vec<_>>());

        let mut seen = Vec::new();
        let r = for_each_in_order(
            0..1000u32,
            |&i| {
                if i % 300 == 299 {
                    Err(format!("item {i}"))
                } else {
                    Ok(i)
                }
            },
            |i, _| {
                seen.push(i);
                Ok(())
            },
        );
        assert_eq!(r, Err("item 299".to_string()));
        assert_eq!(seen, (0..299).collect::<Vec<_>>());
    }
}
