package server

import _ "embed"

// openAPIDocument is the hand-written OpenAPI 3.1 description of every
// route, served at /openapi.json. openapi_test.go checks it against the
// router and the handlers' types, and runs its examples.
//
//go:embed openapi.json
var openAPIDocument []byte
