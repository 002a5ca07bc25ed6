package inputs

// Field is a column of the user export that migready understands.
type Field string

const (
	FieldUserID    Field = "user_id"
	FieldFirstName Field = "first_name"
	FieldLastName  Field = "last_name"
	FieldFullName  Field = "full_name"
	FieldEmail     Field = "email"
	FieldGroup     Field = "primary_group"
	FieldRole      Field = "role"
	FieldPlan      Field = "user_plan"
	FieldCanLogIn  Field = "can_log_in"
	FieldTravel    Field = "travel"
	FieldCompany   Field = "owning_company"
	FieldType      Field = "user_type"
	FieldFormer    Field = "former_employee"
	FieldSatellite Field = "active_satellite"
)

// Fields lists every field in a stable order (for hints and docs).
var Fields = []Field{FieldUserID, FieldFirstName, FieldLastName, FieldFullName, FieldEmail,
	FieldGroup, FieldRole, FieldPlan, FieldCanLogIn, FieldTravel, FieldCompany, FieldType, FieldFormer, FieldSatellite}

// Tri is a yes/no answer that may be absent or unreadable.
type Tri int8

const (
	Unanswered Tri = iota // column absent, or a value that is neither yes nor no
	Yes
	No
)

// User is one row of the export. Values are trimmed but otherwise as the
// admin client wrote them; Row is the row number Excel shows for it.
type User struct {
	Row       int
	ID        string
	FirstName string
	LastName  string
	Name      string // full name column, else first + " " + last
	Email     string
	Group     string
	Role      string
	Plan      string
	CanLogIn  Tri // Unanswered when the column is absent, the cell empty, or the value not a yes/no word (see YesNo)
	Travel    Tri // likewise
	// RawCanLogIn and RawTravel keep the cell text, for messages.
	RawCanLogIn string
	RawTravel   string
	Company     string // Owning company
	// Kind is the kind of associate the Type column names (KindEmployee
	// without the column); RawType keeps the cell text.
	Kind    UserKind
	RawType string
	// Former is the "Former employee" cell, Satellite the "Active
	// satellite" cell; Unanswered when the column is absent or the value is
	// not a yes/no word. The Raw fields keep the cell text.
	Former       Tri
	RawFormer    string
	Satellite    Tri
	RawSatellite string
}

// UserList is a whole export. Every data row (below the header) is in Users
// or in EmptyRows, or reading failed with an error that names it.
type UserList struct {
	File    string           // path as given
	Format  string           // "csv" or "xlsx"
	Sheet   string           // xlsx: the sheet read
	Headers []string         // the header row as found (two rows combined when the header is split over two)
	Columns map[Field]string // header text matched for each field present
	Users   []User
	// EmptyRows are the Excel row numbers of the empty rows that were
	// ignored between the header and the last user, in order. Empty rows
	// after the last user are not listed: Excel pads some exports with
	// thousands of them, and nobody is missing there.
	EmptyRows []int
	// Notices are plain English lines for the operator about how the file
	// was read (which sheet, which of two e-mail columns…), one fact each,
	// without a "migready:" prefix.
	Notices []string
}

// Has reports whether the export had a column for f.
func (l *UserList) Has(f Field) bool {
	_, ok := l.Columns[f]
	return ok
}
