/** Prints rows under a header, columns padded to their widest cell. */
export declare function printTable(header: string[], rows: string[][], out?: (line: string) => void): void;
//# sourceMappingURL=printTable.d.ts.map
