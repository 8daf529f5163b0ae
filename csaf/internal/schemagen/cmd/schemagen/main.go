// Command schemagen writes package csaf's tables of the members the CSAF
// JSON schemas define (see package schemagen). From the csaf directory:
//
//	go run ./internal/schemagen/cmd/schemagen -schemas testdata/schema -o members_gen.go
package main

import (
	"flag"
	"log"
	"os"

	"github.com/disclosurekit/disclosure/csaf/internal/schemagen"
)

func main() {
	dir := flag.String("schemas", "testdata/schema", "the directory of the schemas, with 2.0/ and 2.1/")
	out := flag.String("o", "members_gen.go", "the file to write")
	flag.Parse()
	src, err := schemagen.Generate(*dir)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, src, 0o644); err != nil {
		log.Fatal(err)
	}
}
