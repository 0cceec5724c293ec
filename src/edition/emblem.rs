//! The EU emblem, drawn from its published geometry for a profile that
//! names the European Union as funder (`funded_by_eu = true`), as an SVG the
//! cover and the imprint print.
//!
//! The geometry is the one of the EU's graphic guide ("The European
//! emblem", europa.eu): a blue rectangle of ratio 3:2; twelve five-pointed
//! gold stars on an invisible circle around its centre whose radius is one
//! third of the height; each star's outer radius one eighteenth of the
//! height; the stars upright (one point straight up), placed like the hours
//! of a clock face. Colours: Reflex Blue as sRGB `#003399`, Yellow as
//! `#FFCC00`.

use std::f64::consts::PI;
use std::fmt::Write;

/// The emblem's blue (Pantone Reflex Blue), as sRGB.
pub const EU_BLUE: &str = "#003399";
/// The stars' yellow (Pantone Yellow), as sRGB.
pub const EU_YELLOW: &str = "#FFCC00";

/// The number of stars.
pub const STARS: usize = 12;

/// The inner radius of a regular five-pointed star as a share of its outer
/// radius: sin 18° / sin 126° (= 1 / φ², about 0.382).
fn inner_ratio() -> f64 {
    (18.0_f64.to_radians()).sin() / (126.0_f64.to_radians()).sin()
}

/// The emblem's width for a height (3:2).
pub fn width(height: f64) -> f64 {
    height * 1.5
}

/// The centres of the twelve stars for an emblem of `height` (any unit; the
/// origin at the top left, y downwards): on a circle of radius height / 3
/// around the rectangle's centre, the first at twelve o'clock, then
/// clockwise, 30° apart.
pub fn star_centres(height: f64) -> Vec<(f64, f64)> {
    let (cx, cy) = (width(height) / 2.0, height / 2.0);
    let r = height / 3.0;
    (0..STARS)
        .map(|i| {
            let angle = (i as f64) * 2.0 * PI / STARS as f64;
            (cx + r * angle.sin(), cy - r * angle.cos())
        })
        .collect()
}

/// The ten corners of an upright five-pointed star around `centre` with
/// outer radius `outer`: outer and inner corners in turn, the first the
/// point straight up.
pub fn star_corners(centre: (f64, f64), outer: f64) -> [(f64, f64); 10] {
    let inner = outer * inner_ratio();
    let mut corners = [(0.0, 0.0); 10];
    for (k, corner) in corners.iter_mut().enumerate() {
        let radius = if k % 2 == 0 { outer } else { inner };
        let angle = (k as f64) * PI / 5.0;
        *corner = (
            centre.0 + radius * angle.sin(),
            centre.1 - radius * angle.cos(),
        );
    }
    corners
}

/// The emblem as an SVG document of `height` user units (the template
/// scales it): the blue rectangle and the twelve gold stars.
pub fn svg(height: f64) -> String {
    let w = width(height);
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {height}\" width=\"{w}\" height=\"{height}\"><rect width=\"{w}\" height=\"{height}\" fill=\"{EU_BLUE}\"/>"
    );
    for centre in star_centres(height) {
        let corners = star_corners(centre, height / 18.0);
        let points: Vec<String> = corners
            .iter()
            .map(|(x, y)| format!("{x:.3},{y:.3}"))
            .collect();
        // Infallible: writing to a String.
        let _ = write!(
            out,
            "<polygon fill=\"{EU_YELLOW}\" points=\"{}\"/>",
            points.join(" ")
        );
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const H: f64 = 180.0;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn the_rectangle_is_3_to_2() {
        assert!(close(width(H) / H, 1.5));
    }

    #[test]
    fn twelve_star_centres_lie_on_a_circle_of_a_third_of_the_height_30_degrees_apart() {
        let (cx, cy) = (width(H) / 2.0, H / 2.0);
        let centres = star_centres(H);
        assert_eq!(centres.len(), 12);
        let angles: Vec<f64> = centres
            .iter()
            .map(|&(x, y)| {
                assert!(close(((x - cx).powi(2) + (y - cy).powi(2)).sqrt(), H / 3.0));
                // Clockwise from twelve o'clock, in degrees.
                (x - cx).atan2(cy - y).to_degrees().rem_euclid(360.0)
            })
            .collect();
        for (i, angle) in angles.iter().enumerate() {
            assert!(close(*angle, 30.0 * i as f64), "star {i} at {angle}°");
        }
        // The first star stands straight above the centre.
        assert!(close(centres[0].0, cx) && close(centres[0].1, cy - H / 3.0));
    }

    #[test]
    fn each_star_is_upright_with_an_outer_radius_of_an_eighteenth_of_the_height() {
        let centre = (50.0, 40.0);
        let corners = star_corners(centre, H / 18.0);
        // The first corner points straight up, one eighteenth of the height
        // above the centre.
        assert!(close(corners[0].0, centre.0));
        assert!(close(centre.1 - corners[0].1, H / 18.0));
        for (k, &(x, y)) in corners.iter().enumerate() {
            let r = ((x - centre.0).powi(2) + (y - centre.1).powi(2)).sqrt();
            let expected = if k % 2 == 0 {
                H / 18.0
            } else {
                H / 18.0 * 0.381_966_011_250_105
            };
            assert!((r - expected).abs() < 1e-9, "corner {k}: {r}");
        }
        // Symmetric about the vertical through the centre.
        for k in 1..5 {
            let (a, b) = (corners[k], corners[10 - k]);
            assert!(close(a.0 - centre.0, centre.0 - b.0) && close(a.1, b.1));
        }
    }

    #[test]
    fn the_svg_has_a_blue_rectangle_and_twelve_yellow_stars() {
        let svg = svg(H);
        assert!(svg.contains("viewBox=\"0 0 270 180\""));
        assert!(svg.contains("<rect width=\"270\" height=\"180\" fill=\"#003399\"/>"));
        assert_eq!(svg.matches("<polygon fill=\"#FFCC00\"").count(), 12);
    }
}
