package geo

import (
	"fmt"
	"math"
)

// Matrix is a square matrix of travel distances or durations between N
// locations, stored row-major: the entry from i to j is Data[i*N+j]. It may
// be asymmetric.
type Matrix struct {
	N    int       `json:"n"`
	Data []float64 `json:"data"`
}

// NewMatrix returns an n×n zero matrix.
func NewMatrix(n int) *Matrix {
	return &Matrix{N: n, Data: make([]float64, n*n)}
}

// At returns the entry from i to j.
func (m *Matrix) At(i, j int) float64 { return m.Data[i*m.N+j] }

// Set sets the entry from i to j.
func (m *Matrix) Set(i, j int, v float64) { m.Data[i*m.N+j] = v }

// Row returns the entries from i to every location, sharing m's storage.
func (m *Matrix) Row(i int) []float64 { return m.Data[i*m.N : (i+1)*m.N] }

// FromRows copies a [][]float64 into a Matrix. It returns an error naming the
// first row whose length differs from the number of rows.
func FromRows(rows [][]float64) (*Matrix, error) {
	n := len(rows)
	m := NewMatrix(n)
	for i, r := range rows {
		if len(r) != n {
			return nil, fmt.Errorf("row %d: has %d entries, want %d", i, len(r), n)
		}
		copy(m.Data[i*n:], r)
	}
	return m, nil
}

// Check reports the first problem with m: a length that is not N×N, or an
// entry that is negative, NaN or infinite. It returns "" for a valid matrix.
func (m *Matrix) Check() string {
	if m.N < 0 || len(m.Data) != m.N*m.N {
		return fmt.Sprintf("has %d entries, want %d×%d", len(m.Data), m.N, m.N)
	}
	for k, v := range m.Data {
		if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
			return fmt.Sprintf("entry [%d][%d] must be finite and >= 0, got %g", k/m.N, k%m.N, v)
		}
	}
	return ""
}
