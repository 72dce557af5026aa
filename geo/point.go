package geo

import (
	"fmt"
	"math"

	"github.com/paulmach/orb"
)

// Point is a location as [lng, lat] in degrees, as in GeoJSON. For planar
// benchmark instances the two numbers are plain x and y coordinates.
type Point = orb.Point

// CheckPoint reports a problem with p as a geographic location: a NaN or
// infinite coordinate, a longitude outside [-180, 180] or a latitude outside
// [-90, 90]. It returns "" for a valid point.
func CheckPoint(p Point) string {
	if msg := CheckPlanar(p); msg != "" {
		return msg
	}
	if p[0] < -180 || p[0] > 180 {
		return fmt.Sprintf("longitude must be in [-180, 180], got %g", p[0])
	}
	if p[1] < -90 || p[1] > 90 {
		return fmt.Sprintf("latitude must be in [-90, 90], got %g", p[1])
	}
	return ""
}

// CheckPlanar reports a NaN or infinite coordinate in p, or "" when p is
// finite.
func CheckPlanar(p Point) string {
	for k, v := range p {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Sprintf("coordinate %d must be finite, got %g", k, v)
		}
	}
	return ""
}
