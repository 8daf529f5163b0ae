module github.com/disclosurekit/disclosure

go 1.24
