import { IsEmail, MaxLength, validate } from 'class-validator';
import { Stacked } from './stacked';

const Email = () => Stacked(IsEmail(), MaxLength(10));

class Written {
  @IsEmail()
  @MaxLength(10)
  email!: string;
}

class Shared {
  @Email()
  email!: string;
}

async function messages(input: Written | Shared): Promise<string[]> {
  input.email = 'not-an-email-and-too-long';
  const [error] = await validate(input);
  return Object.keys(error?.constraints ?? {});
}

describe('Stacked', () => {
  it('applies like the same decorators stacked: the same rules, their messages in the same order', async () => {
    expect(await messages(new Written())).toEqual(['maxLength', 'isEmail']);
    expect(await messages(new Shared())).toEqual(['maxLength', 'isEmail']);
  });
});
