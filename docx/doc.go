// Package docx reads the paragraphs of a Word .docx file and writes documents as
// GB/T 9704-2012 .docx files. It uses only the standard library (archive/zip,
// compress/flate and its own XML tokenizer, xmlReader, which is about ten times
// faster than encoding/xml on Word's style sheets): every third-party docx
// library is either AGPL or commercial.
//
// Reading is defensive: uploads come from people's desktops, so a .doc saved
// under a .docx name, an encrypted file, a zip bomb or a hostile XML file must
// each end in a clear Chinese *jingzi.Error (code EINVALID), within bounded memory
// and time, and never in a panic.
package docx
