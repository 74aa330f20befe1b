import { applyConsoleCss } from '../test-support/console-css';

describe("an admin table's actions", () => {
  let removeCss: () => void = () => {};
  afterEach(() => removeCss());

  it('in a cell, keep the cell a table cell, so its border and height line up with its row', () => {
    removeCss = applyConsoleCss();
    const table = document.createElement('table');
    table.className = 'admin-table';
    table.innerHTML =
      '<tbody><tr><td>Bob</td><td class="admin-table__actions"><button>Edit</button><button>Deactivate</button></td></tr></tbody>';
    document.body.append(table);
    const cell = table.querySelector('td.admin-table__actions') as HTMLElement;
    expect(getComputedStyle(cell).display).toBe('table-cell');
    expect(getComputedStyle(cell).textAlign).toBe('end');
    table.remove();
  });

  it('elsewhere (a list row) still lay the buttons out in a row', () => {
    removeCss = applyConsoleCss();
    const row = document.createElement('span');
    row.className = 'admin-table__actions';
    document.body.append(row);
    expect(getComputedStyle(row).display).toBe('flex');
    row.remove();
  });
});
