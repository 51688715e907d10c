//! Where each person goes on the drawn genogram: generations top to bottom (parents above
//! children, partners side by side), and children under their parents. Pure, so it is tested
//! on the host; the drawing itself is `components::genogram_svg`.

use homeward_core::genogram::{Genogram, Relation};
use std::collections::HashMap;
use uuid::Uuid;

/// Horizontal and vertical distance between people, in SVG units.
pub const DX: f64 = 130.0;
pub const DY: f64 = 140.0;
/// Margin around the drawing.
pub const MARGIN: f64 = 60.0;

/// Each person's centre, and the drawing's size.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub at: HashMap<Uuid, (f64, f64)>,
    pub width: f64,
    pub height: f64,
}

/// The generation of each person: 0 for the oldest shown.
pub fn generations(g: &Genogram) -> HashMap<Uuid, i32> {
    let mut gen: HashMap<Uuid, i32> = g.people.iter().map(|p| (p.id, 0)).collect();
    // Each pass pushes children below parents and lines partners up; people.len() passes are
    // enough for any chain, and the bound keeps a cyclic (invalid) genogram from looping.
    for _ in 0..=g.people.len() {
        let mut changed = false;
        for r in &g.relationships {
            let (Some(&a), Some(&b)) = (gen.get(&r.from), gen.get(&r.to)) else {
                continue;
            };
            let step = match r.relation {
                Relation::ParentOf | Relation::StepParentOf => Some(1),
                Relation::GrandparentOf => Some(2),
                Relation::Partners
                | Relation::ExPartners
                | Relation::Siblings
                | Relation::HalfSiblings => Some(0),
                Relation::RelativeOf | Relation::CarerOf => None,
            };
            match step {
                Some(0) => {
                    let m = a.max(b);
                    if a != m || b != m {
                        gen.insert(r.from, m);
                        gen.insert(r.to, m);
                        changed = true;
                    }
                }
                Some(s) if b < a + s => {
                    gen.insert(r.to, a + s);
                    changed = true;
                }
                Some(_) | None => {}
            }
        }
        if !changed {
            break;
        }
    }
    gen
}

fn partners(g: &Genogram, id: Uuid) -> Vec<Uuid> {
    g.relationships
        .iter()
        .filter(|r| matches!(r.relation, Relation::Partners | Relation::ExPartners))
        .filter_map(|r| {
            if r.from == id {
                Some(r.to)
            } else if r.to == id {
                Some(r.from)
            } else {
                None
            }
        })
        .collect()
}

/// Lays the genogram out.
pub fn layout(g: &Genogram) -> Layout {
    let gen = generations(g);
    let max_gen = gen.values().copied().max().unwrap_or(0);
    let mut x_of: HashMap<Uuid, f64> = HashMap::new();
    let mut rows: Vec<Vec<Uuid>> = Vec::new();
    for level in 0..=max_gen {
        let row: Vec<(usize, Uuid)> = g
            .people
            .iter()
            .enumerate()
            .filter(|(_, p)| gen.get(&p.id) == Some(&level))
            .map(|(i, p)| (i, p.id))
            .collect();
        // Sort key: under the parents when they are placed, else by the order entered.
        let base = |id: Uuid, i: usize| -> f64 {
            let xs: Vec<f64> = g
                .parents_of(id)
                .iter()
                .filter_map(|p| x_of.get(p))
                .copied()
                .collect();
            if xs.is_empty() {
                1e6 + i as f64
            } else {
                xs.iter().sum::<f64>() / xs.len() as f64
            }
        };
        let mut keyed: Vec<(f64, Uuid)> = row.iter().map(|(i, id)| (base(*id, *i), *id)).collect();
        // Someone without parents shown sits beside a partner who has them.
        let snapshot = keyed.clone();
        for (k, id) in keyed.iter_mut() {
            if *k >= 1e6 {
                if let Some(pk) = partners(g, *id)
                    .iter()
                    .filter_map(|p| snapshot.iter().find(|(_, q)| q == p).map(|(k2, _)| *k2))
                    .find(|k2| *k2 < 1e6)
                {
                    *k = pk + 0.5;
                }
            }
        }
        keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
        let ids: Vec<Uuid> = keyed.into_iter().map(|(_, id)| id).collect();
        // Keep partners next to each other among parentless people (grandparent couples).
        let mut ordered: Vec<Uuid> = Vec::new();
        for id in ids {
            if ordered.contains(&id) {
                continue;
            }
            ordered.push(id);
            for p in partners(g, id) {
                if gen.get(&p) == Some(&level)
                    && !ordered.contains(&p)
                    && g.parents_of(p).is_empty()
                    && g.parents_of(id).is_empty()
                {
                    ordered.push(p);
                }
            }
        }
        for (i, id) in ordered.iter().enumerate() {
            x_of.insert(*id, i as f64);
        }
        rows.push(ordered);
    }
    let widest = rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let mut at = HashMap::new();
    for (level, row) in rows.iter().enumerate() {
        let offset = (widest - row.len()) as f64 * DX / 2.0;
        for (i, id) in row.iter().enumerate() {
            at.insert(
                *id,
                (MARGIN + offset + i as f64 * DX, MARGIN + level as f64 * DY),
            );
        }
    }
    Layout {
        at,
        width: MARGIN * 2.0 + (widest.saturating_sub(1)) as f64 * DX,
        height: MARGIN * 2.0 + max_gen as f64 * DY + 30.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use homeward_core::genogram::{Person, Relationship};

    fn p(n: u128) -> Person {
        Person {
            id: Uuid::from_u128(n),
            name: format!("P{n}"),
            ..Person::default()
        }
    }

    fn r(a: u128, b: u128, relation: Relation) -> Relationship {
        Relationship {
            from: Uuid::from_u128(a),
            to: Uuid::from_u128(b),
            relation,
            label: String::new(),
        }
    }

    #[test]
    fn parents_sit_above_their_children_and_partners_share_a_row() {
        let g = Genogram {
            people: vec![p(1), p(2), p(3), p(4), p(5)],
            relationships: vec![
                r(4, 2, Relation::ParentOf),
                r(1, 2, Relation::Partners),
                r(1, 3, Relation::ParentOf),
                r(2, 3, Relation::ParentOf),
                r(5, 3, Relation::Siblings),
            ],
        };
        let l = layout(&g);
        let y = |n| l.at[&Uuid::from_u128(n)].1;
        assert!(y(4) < y(2));
        assert_eq!(y(1), y(2));
        assert!(y(2) < y(3));
        assert_eq!(y(3), y(5));
        assert_eq!(l.at.len(), 5);
    }

    #[test]
    fn a_cycle_does_not_hang_the_layout() {
        let g = Genogram {
            people: vec![p(1), p(2)],
            relationships: vec![r(1, 2, Relation::ParentOf), r(2, 1, Relation::ParentOf)],
        };
        assert_eq!(layout(&g).at.len(), 2);
    }
}
