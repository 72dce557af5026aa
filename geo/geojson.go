package geo

import (
	"fmt"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// Line is one route to draw: its path in visiting order and the properties
// to show with it (vehicle id, load, distance, …).
type Line struct {
	Path       []Point
	Properties map[string]any
}

// Mark is one location to draw, such as a depot or a pickup point.
type Mark struct {
	At         Point
	Properties map[string]any
}

// FeatureCollection returns a GeoJSON FeatureCollection with a LineString
// per line and a Point per mark, in the order given.
func FeatureCollection(lines []Line, marks []Mark) ([]byte, error) {
	fc := geojson.NewFeatureCollection()
	for _, l := range lines {
		f := geojson.NewFeature(orb.LineString(l.Path))
		for k, v := range l.Properties {
			f.Properties[k] = v
		}
		fc.Append(f)
	}
	for _, m := range marks {
		f := geojson.NewFeature(m.At)
		for k, v := range m.Properties {
			f.Properties[k] = v
		}
		fc.Append(f)
	}
	b, err := fc.MarshalJSON()
	if err != nil {
		return nil, fmt.Errorf("encoding geojson: %w", err)
	}
	return b, nil
}
