/** The group the SIGKILL test's writer adds to. */
export const WRITER_GROUP = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'
