package geo

// Durations turns a distance matrix in metres into driving times in seconds:
// the straight-line distance is stretched by roadFactor (about 1.3 in a
// city) and driven at speedKmh. Both must be positive.
func Durations(dist *Matrix, roadFactor, speedKmh float64) *Matrix {
	m := NewMatrix(dist.N)
	f := roadFactor * 3.6 / speedKmh
	for k, d := range dist.Data {
		m.Data[k] = d * f
	}
	return m
}

// Scale returns a copy of m with every entry multiplied by f, such as a road
// factor applied to straight-line distances.
func Scale(m *Matrix, f float64) *Matrix {
	out := NewMatrix(m.N)
	for k, d := range m.Data {
		out.Data[k] = d * f
	}
	return out
}
