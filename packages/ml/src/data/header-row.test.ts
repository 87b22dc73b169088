import { describe, expect, it } from 'vitest';
import { firstRowIsHeader } from './header-row.ts';
import { defaultCellParsing } from './table.ts';

const parsing = defaultCellParsing(false);
const rows = (text: string) => text.trim().split('\n').map((line) => line.trim().split(/\s+|,/));
const decide = (text: string) => {
  const [first, ...rest] = rows(text);
  return firstRowIsHeader(first!, rest, parsing);
};

describe('firstRowIsHeader', () => {
  it('takes names over columns of numbers for a header', () => {
    expect(decide('ID,LIMIT_BAL,SEX,DEFAULT\n1,20000,2,1\n2,120000,2,0')).toBe(true);
    // One word over numbers is enough, whatever the other names look like.
    expect(decide('2019,2020,AMOUNT\n1,2,500\n3,4,650')).toBe(true);
  });

  it('takes a first row of Statlog data (codes and numbers, no names) for data', () => {
    const german = `A11 6 A34 A43 1169 A65 A75 4 A93 A101 4 A121 67 A143 A152 2 A173 1 A192 A201 1
      A12 48 A32 A43 5951 A61 A73 2 A92 A101 2 A121 22 A143 A152 1 A173 1 A191 A201 2
      A14 12 A34 A46 2096 A61 A74 2 A93 A101 3 A121 49 A143 A152 1 A172 2 A191 A201 1`;
    expect(decide(german)).toBe(false);
    const australian = `1 22.08 11.46 2 4 4 1.585 0 0 0 1 2 100 1213 0
      0 22.67 7 2 8 4 0.165 0 0 0 0 2 160 1 0`;
    expect(decide(australian)).toBe(false);
  });

  it('decides a file of text only by whether the first row recurs below', () => {
    expect(decide('grade,segment\nA,retail\nB,corporate\nA,retail')).toBe(true);
    expect(decide('A,retail\nB,corporate\nA,retail\nB,retail')).toBe(false);
  });

  it('takes a lone row, or a first row over rows that are all missing, for a header', () => {
    expect(decide('a,b')).toBe(true);
    expect(decide('a,b\n,\n,')).toBe(true);
  });

  it('ignores missing cells below when it judges a column numeric', () => {
    expect(decide('amount,code\n,x\n5,y\nNA,z')).toBe(true);
    expect(decide('7,x\n,y\n5,z\nNA,x')).toBe(false);
  });
});
