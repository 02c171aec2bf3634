/**
 * How many bytes a queued command adds to the request Office.js sends at the next
 * `context.sync()`, so that the Excel adapter can fill each request close to Excel on the web's
 * 5 MB limit without going over it. Pure: no Office.js here.
 *
 * Office.js sends JSON: an action per property set or method call ({"Id", "ActionType", "Name",
 * "ObjectPathId", "ArgumentInfo"}), an object path per proxy the actions go through (a worksheet,
 * a `getRange`, its `format`, the `font`…: {"Id", "ObjectPathType", "Name", "ParentObjectPathId",
 * "ArgumentInfo"}), an "Instantiate" action per path and, in "L", the id of each path on the last
 * action that uses it. The estimate writes those pieces out with ids of 6 digits and counts UTF-8
 * bytes, so it stays at or a little above the real size; tests/excel/fake-excel.ts builds the real
 * JSON and the adapter's tests hold the two together (never under, within 10%).
 */

/** "5 MB" read as 5,000,000 bytes, the smaller of its two readings. */
export const REQUEST_LIMIT_BYTES = 5_000_000;

/** Ids number every path and action of a run; a set-up of 20,000 lines stays under 100,000. */
const ID = 123_456;

/** UTF-8 bytes of a string, without building a buffer. */
export function utf8Bytes(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Bytes of a value as JSON. */
export const jsonBytes = (value: unknown): number => utf8Bytes(JSON.stringify(value ?? null));

// The fixed part of each piece, measured on the JSON itself: an action is followed by ",", a path
// is written `"id":{…},` in "ObjectPaths".
const ACTION =
  jsonBytes({ Id: ID, ActionType: 4, Name: '', ObjectPathId: ID, ArgumentInfo: { Arguments: [] } }) + 1;
const PATH_KEY = jsonBytes(String(ID)) + 2;
const METHOD_PATH =
  jsonBytes({
    Id: ID,
    ObjectPathType: 3,
    Name: '',
    ParentObjectPathId: ID,
    ArgumentInfo: { Arguments: [] },
  }) + PATH_KEY;
const PROPERTY_PATH = jsonBytes({ Id: ID, ObjectPathType: 4, Name: '', ParentObjectPathId: ID }) + PATH_KEY;
/** The path's "Instantiate" action and its id in an "L" list. */
const PATH_EXTRA =
  jsonBytes({ Id: ID, ActionType: 1, Name: '', ObjectPathId: ID }) + 1 + String(ID).length + 1;
/** The "L" list an action carries when it is the last to use some paths: about one per range. */
const L_LIST = ',"L":[]'.length;
/** {"AutoKeepReference":false,"Actions":[],"ObjectPaths":{}} */
export const REQUEST_ENVELOPE_BYTES = jsonBytes({ AutoKeepReference: false, Actions: [], ObjectPaths: {} });

/** A property set (`range.values = …`): its name and its value. */
export function setBytes(name: string, value: unknown): number {
  return ACTION + name.length + jsonBytes(value);
}

/** A method call (`range.merge(false)`): its name and its arguments. */
export function callBytes(name: string, args: readonly unknown[] = []): number {
  return ACTION + name.length + jsonBytes(args) - 2;
}

/** A proxy reached through a method or an indexer (`getRange("A1:B2")`, `getItem("Saisie")`). */
export function methodPathBytes(name: string, args: readonly unknown[] = []): number {
  return METHOD_PATH + PATH_EXTRA + L_LIST + name.length + jsonBytes(args) - 2;
}

/** A proxy reached through a navigation property (`format`, `font`). */
export function propertyPathBytes(name: string): number {
  return PROPERTY_PATH + PATH_EXTRA + name.length;
}

/** The workbook, its `worksheets` and one `getItem(name)`: what a request pays to reach a sheet. */
export function sheetPathBytes(name: string): number {
  return (
    propertyPathBytes('') + // the workbook (a global object path, smaller than a property path)
    propertyPathBytes('worksheets') +
    methodPathBytes('', [name])
  );
}
