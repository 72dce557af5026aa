// Package apikey reads a file of API keys and limits the request rate of
// each key with a token bucket.
//
// The file has one key a line: NAME KEY RATE [BURST], fields separated by
// spaces or tabs; blank lines and lines starting with # are skipped. NAME
// labels the key in logs ([A-Za-z0-9_.-], unique); KEY is the bearer
// token, at least 16 characters of [A-Za-z0-9_.~+/=-], unique; RATE is the
// sustained rate, requests per second, or with a unit: "600/m", "20/s",
// "10000/h"; BURST is how many requests may come at once (default: one
// second's worth, at least 1). Parse reports every bad line, with its
// number and field.
//
// Keys are held by their SHA-256, so that a lookup compares digests and
// not the secret. Bucket (bucket.go) refills continuously: a request takes
// one token, and when none is left Take says how long until one is.
package apikey
