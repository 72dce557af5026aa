package geo

import "math"

// EarthRadiusM is the mean Earth radius in metres (IUGG).
const EarthRadiusM = 6371008.8

// HaversineM returns the great-circle distance in metres between a and b.
func HaversineM(a, b Point) float64 {
	const rad = math.Pi / 180
	lat1, lat2 := a[1]*rad, b[1]*rad
	dLat := lat2 - lat1
	dLng := (b[0] - a[0]) * rad
	s := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1)*math.Cos(lat2)*math.Sin(dLng/2)*math.Sin(dLng/2)
	return 2 * EarthRadiusM * math.Asin(math.Min(1, math.Sqrt(s)))
}

// Haversine returns the matrix of great-circle distances in metres between
// pts. The cosines of the latitudes are computed once, so a 2,000-point
// matrix costs 2 million evaluations of one sine pair and a square root.
func Haversine(pts []Point) *Matrix {
	const rad = math.Pi / 180
	n := len(pts)
	m := NewMatrix(n)
	lat := make([]float64, n)
	cos := make([]float64, n)
	for i, p := range pts {
		lat[i] = p[1] * rad
		cos[i] = math.Cos(lat[i])
	}
	for i := range n {
		row := m.Data[i*n : (i+1)*n]
		for j := i + 1; j < n; j++ {
			sLat := math.Sin((lat[j] - lat[i]) / 2)
			sLng := math.Sin((pts[j][0] - pts[i][0]) * rad / 2)
			s := sLat*sLat + cos[i]*cos[j]*sLng*sLng
			d := 2 * EarthRadiusM * math.Asin(math.Min(1, math.Sqrt(s)))
			row[j] = d
			m.Data[j*n+i] = d
		}
	}
	return m
}
